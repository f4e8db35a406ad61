// Registers every <poolse-*> element before Svelte renders them.
import '@poolse/elements';
import { mount } from 'svelte';
import App from './App.svelte';
import './style.css';

mount(App, { target: document.getElementById('app') });

// Registers every <poolse-*> element before Vue renders them.
import '@poolse/elements';
import { createApp } from 'vue';
import App from './App.vue';
import './style.css';

createApp(App).mount('#app');

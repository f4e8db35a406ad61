// Registers every <poolse-*> element before React renders them, so React 19
// finds their properties and sets them as properties (not attributes).
import '@poolse/elements';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import './style.css';

const root = document.getElementById('app');
if (!root) throw new Error('index.html lacks #app');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

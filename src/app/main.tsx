import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyPrefsToDocument } from './prefs';
import { registerServiceWorker } from '../sw/register';
import './styles.css';

applyPrefsToDocument();
registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

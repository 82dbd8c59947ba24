/** Entry point of the Ledgerflow designer (Vite root: client/). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/theme.css';
import './styles/layout.css';
import './styles/panels.css';
import './styles/canvas.css';
import './styles/forms.css';
import './styles/versions.css';
import './styles/history.css';
import { App } from './App.js';
import { applyStoredTheme } from './theme/theme.js';

applyStoredTheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

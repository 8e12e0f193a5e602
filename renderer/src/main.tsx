import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import './styles/plan.css';
import './styles/facilitation.css';
import './styles/a11y.css';
import './styles/live-board.css';
import './styles/tables.css';
import { App } from './App';
import { startAppShell } from './offline/app-shell';

// Which build this page runs, for support and for the test that watches a new build take over.
document.documentElement.dataset.build = __SLC_BUILD__;
startAppShell();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

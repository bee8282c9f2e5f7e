import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { playgroundStore } from './store';
import './ui/app.css';

// Open on a report: run the selected built-in scenario once before the first render.
playgroundStore.getState().run();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// First: the shared look and the app's frame come before the features' own rules.
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { resolveBridge } from './lib/bridge';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App bridge={resolveBridge(window, window.location)} />
  </StrictMode>,
);

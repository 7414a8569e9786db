import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/global.css';
import { fetchClientConfig, startErrorReporting } from './lib/error-reporting';

// Before the first render, so errors while rendering are caught too (when a DSN is configured).
void startErrorReporting({ fetchConfig: fetchClientConfig });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

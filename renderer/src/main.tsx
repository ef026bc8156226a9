import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider, pickApi } from './api';
import { App } from './App';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider api={pickApi()}>
      <App />
    </ApiProvider>
  </StrictMode>,
);

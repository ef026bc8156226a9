import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider, pickApi } from './api';
import { App } from './App';
import './styles.css';

const { api, connection } = pickApi();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider api={api} connection={connection}>
      <App />
    </ApiProvider>
  </StrictMode>,
);

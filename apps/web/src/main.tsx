import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, useRoutes } from 'react-router';
import { ApiError } from './api/http';
import { routes } from './app/routes';
import './i18n';
import { Loading } from './ui/States';
import './ui/styles.css';

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A refusal will not change on its own; a network failure might.
      retry: (count, error) => count < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
    },
  },
});

function Pages() {
  return useRoutes(routes);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <Suspense fallback={<Loading label="…" />}>
        <BrowserRouter>
          <Pages />
        </BrowserRouter>
      </Suspense>
    </QueryClientProvider>
  </StrictMode>,
);

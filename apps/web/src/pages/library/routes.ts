import type { RouteObject } from 'react-router';

/** The library pages: the catalogue, a resource, the submission form and the review queues, each loaded with its route. */
export const libraryRoutes: RouteObject[] = [
  { path: 'library', lazy: async () => ({ Component: (await import('./CataloguePage')).CataloguePage }) },
  { path: 'library/submit', lazy: async () => ({ Component: (await import('./ResourceFormPage')).ResourceFormPage }) },
  { path: 'library/reviews', lazy: async () => ({ Component: (await import('./ReviewsPage')).ReviewsPage }) },
  { path: 'library/r/:id', lazy: async () => ({ Component: (await import('./ResourcePage')).ResourcePage }) },
  {
    path: 'library/r/:id/edit',
    lazy: async () => ({ Component: (await import('./ResourceFormPage')).ResourceFormPage }),
  },
];

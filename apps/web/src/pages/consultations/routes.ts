import type { RouteObject } from 'react-router';

/** The consultations pages, each loaded with its route. */
export const consultationRoutes: RouteObject[] = [
  {
    path: 'consultations',
    lazy: async () => ({ Component: (await import('./ConsultationsPage')).ConsultationsPage }),
  },
  {
    path: 'consultations/new',
    lazy: async () => ({ Component: (await import('./NewConsultationPage')).NewConsultationPage }),
  },
  {
    path: 'consultations/:consultationId',
    lazy: async () => ({ Component: (await import('./ConsultationPage')).ConsultationPage }),
  },
  {
    path: 'consultations/:consultationId/inputs',
    lazy: async () => ({ Component: (await import('./InputsPage')).InputsPage }),
  },
];

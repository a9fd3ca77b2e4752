import { useEffect } from 'react';

/** The document title (what a screen reader announces on navigation and a tab shows). */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Plenary` : 'Plenary';
  }, [title]);
}

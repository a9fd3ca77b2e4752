import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { API, ApiError, api, errorOf } from '../../api/http';
import { accessToken, refreshSession, useMember } from '../../api/session';
import { currentLanguage } from '../../i18n';

export const RESOURCE_TYPES = [
  'publication',
  'report',
  'toolkit',
  'dataset',
  'policy',
  'training',
  'good_practice',
  'other',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const ITEM_STATUSES = [
  'draft',
  'submitted',
  'in_review',
  'changes_requested',
  'approved',
  'published',
  'rejected',
  'withdrawn',
  'unpublished',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
/** Where the author may still edit (an edit after a review becomes the next version). */
export const EDITABLE: readonly ItemStatus[] = ['draft', 'changes_requested'];
export const WITHDRAWABLE: readonly ItemStatus[] = ['draft', 'submitted', 'in_review', 'changes_requested'];

export const DECISIONS = ['publish', 'request_changes', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface FileView {
  id: string;
  name: string;
  size: number;
  contentType: string;
  sha256: string;
}

export interface Person {
  id: string | null;
  displayName: string;
}

/** What the library reviews: its two kinds, each with its API base path and its pages. */
export type ItemKind = 'resource' | 'initiative';
export const KINDS: Record<ItemKind, { api: string; page: string; catalogue: string; propose: string }> = {
  resource: { api: '/resources', page: '/library/r', catalogue: '/library', propose: '/library/submit' },
  initiative: {
    api: '/initiatives',
    page: '/library/i',
    catalogue: '/library/initiatives',
    propose: '/library/initiatives/new',
  },
};
/** An item's API path (`/resources/:id`, `/initiatives/:id`). */
export const itemApi = (item: { kind: ItemKind; id: string }) => `${KINDS[item.kind].api}/${item.id}`;
/** An item's page (`/library/r/:id`, `/library/i/:id`). */
export const itemPage = (item: { kind: ItemKind; id: string }) => `${KINDS[item.kind].page}/${item.id}`;

export const INITIATIVE_STAGES = ['planned', 'ongoing', 'completed'] as const;
export type InitiativeStage = (typeof INITIATIVE_STAGES)[number];

/** What every reviewed item carries, whatever its kind. */
interface ItemBase {
  id: string;
  status: ItemStatus;
  version: number;
  publishedVersion: number | null;
  publishedAt: string | null;
  submittedAt: string | null;
  groupId: string | null;
  submittedBy: Person;
  files: FileView[];
  reviewers: { id: string; displayName: string; dueAt: string; reviewed: boolean }[] | null;
  viewer: { author: boolean; canEdit: boolean; canDecide: boolean; reviewer: boolean };
  createdAt: string;
  updatedAt: string;
  title: string;
  languages: string[];
  countries: string[];
  regions: string[];
  objectives: number[];
  principles: string[];
  tags: string[];
  fileIds: string[];
}

export interface Resource extends ItemBase {
  kind: 'resource';
  type: ResourceType;
  abstract: string;
  authors: string[];
  organisations: string[];
  year: number | null;
  link: string | null;
  licence: string | null;
}

export interface Initiative extends ItemBase {
  kind: 'initiative';
  summary: string;
  leadOrganisation: string;
  partnerOrganisations: string[];
  period: { start: string; end?: string };
  stage: InitiativeStage;
  results: string;
  links: string[];
}

export type LibraryItem = Resource | Initiative;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface FacetCount {
  value: string | number;
  count: number;
}
export const FACETS = ['type', 'objective', 'region', 'language', 'year'] as const;
export type FacetName = (typeof FACETS)[number];
export type Facets = Record<FacetName, FacetCount[]>;

export interface Catalogue<T extends LibraryItem = LibraryItem> extends Page<T> {
  total: number;
  facets: Facets | null;
}

export interface MyReview {
  kind: ItemKind;
  itemId: string;
  title: string;
  status: ItemStatus;
  version: number;
  dueAt: string;
  pending: boolean;
  assignedAt: string;
}

export interface Review {
  id: string;
  version: number;
  reviewerLabel: string;
  reviewer: Person | null;
  scores: Record<string, number>;
  commentToAuthor: string;
  noteToEditors: string | null;
  createdAt: string;
}

export interface ReviewList {
  items: Review[];
  quorum: number;
  version: number;
}

export interface Criterion {
  key: string;
  label: string;
  description: string;
}

export interface Rubric {
  criteria: Criterion[];
  quorum: number;
  reviewDays: number;
}

export interface Version {
  number: number;
  content: Partial<LibraryItem>;
  reviewed: boolean;
  submittedAt: string | null;
  publishedAt: string | null;
  createdAt: string;
}

export interface MemberCard {
  id: string;
  displayName: string;
  organisation: string | null;
}

/** The query keys of the library; each carries the member, so that signing in or out never shows stale rights. */
export const libraryKeys = {
  all: ['library'] as const,
  catalogue: (kind: ItemKind, filters: object, memberId: string | null) =>
    ['library', 'catalogue', kind, filters, memberId] as const,
  item: (kind: ItemKind, id: string, memberId: string | null) => ['library', kind, id, memberId] as const,
  reviews: (id: string, memberId: string | null) => ['library', 'reviews', id, memberId] as const,
  versions: (id: string, memberId: string | null) => ['library', 'versions', id, memberId] as const,
  queue: (name: string, filter: string, memberId: string | null, kind: ItemKind | 'all' = 'resource') =>
    ['library', 'queue', name, kind, filter, memberId] as const,
};

/** The signed-in member's review capabilities: editors decide (admins may act as editors), reviewers review. */
export function useCapabilities() {
  const member = useMember();
  const found = useQuery({
    queryKey: ['library', 'capabilities', member?.id ?? null],
    queryFn: () =>
      api<{ capabilities: string[]; groups: { groupId: string; capabilities: string[] }[] }>(
        `/users/${member!.id}/capabilities`,
      ),
    enabled: member !== null,
    staleTime: 60_000,
  });
  const holds = (capability: string) =>
    Boolean(
      found.data?.capabilities.includes(capability) ||
      found.data?.groups.some((group) => group.capabilities.includes(capability)),
    );
  return {
    ready: member === null || !found.isPending,
    editor: member?.role === 'admin' || holds('editor'),
    reviewer: holds('reviewer'),
  };
}

/** The rubric reviewers score (configured by admins), with the quorum an editor waits for. */
export function useRubric() {
  return useQuery({
    queryKey: ['library', 'rubric'],
    queryFn: () => api<Rubric>('/settings/review-rubric', { token: null }),
    staleTime: 300_000,
  });
}

/** The GCM guiding principles in the interface language. */
export function usePrinciples() {
  useTranslation();
  const lang = currentLanguage();
  const found = useQuery({
    queryKey: ['taxonomy', 'principles', lang],
    queryFn: () =>
      api<{ items: { key: string; label: string }[] }>('/taxonomy/principles', { query: { lang }, token: null }),
    staleTime: 300_000,
  });
  const items = found.data?.items ?? [];
  return {
    ready: Boolean(found.data),
    error: found.error,
    items,
    label: (key: string) => items.find((item) => item.key === key)?.label ?? key,
  };
}

/** Members of the directory whose name or organisation matches (for assigning reviewers). */
export function searchMembers(q: string, signal?: AbortSignal): Promise<MemberCard[]> {
  return api<Page<MemberCard>>('/members', { query: { q, limit: 8 }, signal }).then((page) => page.items);
}

/**
 * Uploads one file (POST /files, multipart) with its progress reported from 0 to 100: XMLHttpRequest, because fetch
 * tells nothing of a request body's progress. An expired access token is refreshed once.
 */
export function uploadFile(file: File, onProgress: (percent: number) => void, signal?: AbortSignal): Promise<FileView> {
  const send = (token: string | null) =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('POST', `${API}/files`);
      request.setRequestHeader('Accept', 'application/json');
      if (token) request.setRequestHeader('Authorization', `Bearer ${token}`);
      request.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(Math.round((event.loaded / event.total) * 100));
      };
      request.onload = () => {
        let body: unknown = request.responseText;
        try {
          body = JSON.parse(request.responseText);
        } catch {
          // Not JSON: the text is the message.
        }
        resolve({ status: request.status, body });
      };
      request.onerror = () => reject(new ApiError(0, 'network', 'network'));
      request.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
      signal?.addEventListener('abort', () => request.abort(), { once: true });
      const form = new FormData();
      form.append('file', file);
      request.send(form);
    });
  return (async () => {
    let answer = await send(accessToken());
    if (answer.status === 401 && accessToken() && (await refreshSession())) {
      onProgress(0);
      answer = await send(accessToken());
    }
    if (answer.status < 200 || answer.status >= 300) throw errorOf(answer.status, answer.body);
    onProgress(100);
    return answer.body as FileView;
  })();
}

/**
 * Downloads a file with the member's token (a file of an unpublished resource is theirs to read only) and saves it
 * under its name.
 */
export async function downloadFile(file: FileView): Promise<void> {
  const get = (token: string | null) =>
    fetch(`${API}/files/${file.id}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  let response: Response;
  try {
    response = await get(accessToken());
    if (response.status === 401 && accessToken() && (await refreshSession())) response = await get(accessToken());
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  if (!response.ok) throw errorOf(response.status, await response.json().catch(() => ({})));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A size in bytes as people read it (kB, MB), in the interface language. */
export function sizeOf(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    // "812 B", "1.4 MB": the narrow byte, the short multiples.
    unitDisplay: unit === 0 ? 'narrow' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** A file type as a short word (PDF, DOCX…). */
export function fileKind(file: FileView): string {
  const extension = /\.([a-z0-9]{2,5})$/i.exec(file.name)?.[1];
  return (extension ?? file.contentType.split('/').pop() ?? '').toUpperCase();
}

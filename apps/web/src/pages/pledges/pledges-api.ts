import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { API, api, ApiError, errorOf } from '../../api/http';
import { accessToken, refreshSession } from '../../api/session';
import { currentLanguage } from '../../i18n';

/** The pledges API's shapes (libs/pledges) and the area's data hooks. */

export const PLEDGE_STATUSES = ['planned', 'in_progress', 'realised', 'discontinued'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];
export const PLEDGER_KINDS = ['member_state', 'organisation'] as const;
export type PledgerKind = (typeof PLEDGER_KINDS)[number];

export interface Person {
  id: string | null;
  displayName: string;
}

export interface Pledge {
  id: string;
  title: string;
  description: string;
  pledger: { kind: PledgerKind; name: string; country: string | null };
  representatives: Person[];
  objectives: number[];
  principles: string[];
  cluster: string;
  countries: string[];
  regions: string[];
  madeAt: string;
  year: number;
  status: PledgeStatus;
  percent: number | null;
  lastUpdateAt: string | null;
  followerCount: number;
  createdBy: Person;
  viewer: { canEdit: boolean; canReport: boolean; following: boolean };
  createdAt: string;
  updatedAt: string;
}

export interface EvidenceFile {
  id: string;
  name: string;
  size: number;
  contentType: string;
  sha256: string;
}

export interface ProgressUpdate {
  id: string;
  pledgeId: string;
  author: Person;
  text: string;
  percent: number | null;
  milestone: string | null;
  status: PledgeStatus | null;
  evidence: { links: string[]; fileIds: string[]; files: EvidenceFile[] };
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface KeyCount<K = string> {
  key: K;
  count: number;
}

export interface ClusterLabel {
  en: string;
  fr: string;
  es: string;
}

export interface Dashboard {
  total: number;
  byStatus: KeyCount<PledgeStatus>[];
  byCluster: (KeyCount & { label: ClusterLabel | null })[];
  byObjective: KeyCount<number>[];
  byRegion: KeyCount[];
  byYear: KeyCount<number>[];
  byYearStatus: { key: number; byStatus: KeyCount<PledgeStatus>[] }[];
  latestUpdates: (ProgressUpdate & { pledgeTitle: string })[];
}

export interface Cluster {
  key: string;
  label: ClusterLabel;
}

export interface MemberCard {
  id: string;
  displayName: string;
  organisation: string | null;
}

/** Every query of the area starts with this key, so that a change refreshes them all. */
export const PLEDGES_KEY = 'pledges';

export const pledgeKeys = {
  dashboard: () => [PLEDGES_KEY, 'dashboard'] as const,
  list: (filters: Record<string, string>, memberId: string | null) => [PLEDGES_KEY, 'list', filters, memberId] as const,
  pledge: (id: string, memberId: string | null) => [PLEDGES_KEY, 'pledge', id, memberId] as const,
  updates: (id: string) => [PLEDGES_KEY, 'updates', id] as const,
};

/** The pledge clusters in force (admins configure them), each labelled in the interface language. */
export function useClusters() {
  const { i18n } = useTranslation();
  const query = useQuery({
    queryKey: [PLEDGES_KEY, 'clusters'],
    queryFn: () => api<{ clusters: Cluster[] }>('/settings/pledge-clusters', { token: null }),
    select: (list) => list.clusters,
    staleTime: 10 * 60_000,
  });
  const language = (i18n.resolvedLanguage ?? 'en').slice(0, 2) as keyof ClusterLabel;
  return {
    ...query,
    labelOf: (key: string, label?: ClusterLabel | null): string => {
      const known = label ?? query.data?.find((cluster) => cluster.key === key)?.label;
      return known?.[language] ?? known?.en ?? key;
    },
  };
}

interface Objective {
  number: number;
  label: string;
  title: string;
}
interface Term {
  key: string;
  label: string;
}
interface Country {
  code: string;
  name: string;
}

/** The GCM taxonomy in the interface language: objectives, principles, regions and countries. */
export function useTaxonomy() {
  useTranslation();
  const lang = currentLanguage();
  const list = <T>(kind: string) => ({
    queryKey: ['taxonomy', kind, lang],
    queryFn: () => api<{ items: T[] }>(`/taxonomy/${kind}`, { query: { lang }, token: null }),
    staleTime: 60 * 60_000,
  });
  const objectives = useQuery(list<Objective>('objectives'));
  const principles = useQuery(list<Term>('principles'));
  const regions = useQuery(list<Term>('regions'));
  const countries = useQuery(list<Country>('countries'));
  const collator = new Intl.Collator(lang);
  return {
    ready: Boolean(objectives.data && principles.data && regions.data && countries.data),
    error: objectives.error ?? principles.error ?? regions.error ?? countries.error,
    objectives: objectives.data?.items ?? [],
    principles: principles.data?.items ?? [],
    regions: regions.data?.items ?? [],
    countries: [...(countries.data?.items ?? [])].sort((a, b) => collator.compare(a.name, b.name)),
    objectiveLabel: (number: number) => objectives.data?.items.find((item) => item.number === number)?.label ?? '',
    principleLabel: (key: string) => principles.data?.items.find((item) => item.key === key)?.label ?? key,
    regionLabel: (key: string) => regions.data?.items.find((item) => item.key === key)?.label ?? key,
    countryName: (code: string) => countries.data?.items.find((item) => item.code === code)?.name ?? code,
  };
}
export type Taxonomy = ReturnType<typeof useTaxonomy>;

/** Members whose name (or organisation) matches, to name representatives. */
export function searchMembers(q: string, signal?: AbortSignal): Promise<MemberCard[]> {
  return api<Page<MemberCard>>('/members', { query: { q, limit: 8 }, signal }).then((page) => page.items);
}

/** Sends one request with the member's token (refreshing an expired one once). */
async function withToken(send: (token: string | null) => Promise<Response>): Promise<Response> {
  let response: Response;
  try {
    response = await send(accessToken());
    if (response.status === 401 && accessToken() && (await refreshSession())) response = await send(accessToken());
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  return response;
}

/** Uploads one evidence file (POST /files, multipart field `file`): stored, attached to nothing until reported. */
export async function uploadFile(file: File): Promise<EvidenceFile> {
  const response = await withToken((token) => {
    const body = new FormData();
    body.append('file', file);
    return fetch(`${API}/files`, {
      method: 'POST',
      headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body,
    });
  });
  const answer: unknown = await response.json().catch(() => ({}));
  if (!response.ok) throw errorOf(response.status, answer);
  return answer as EvidenceFile;
}

/** Downloads a file with the member's token (files need it unless public) and hands it to the browser to save. */
export async function downloadFile(file: EvidenceFile): Promise<void> {
  const response = await withToken((token) =>
    fetch(`${API}/files/${file.id}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} }),
  );
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

/** Where the export is downloaded (public: plain links). */
export const exportUrl = (format: 'csv' | 'json') => `${API}/pledges/export?format=${format}`;

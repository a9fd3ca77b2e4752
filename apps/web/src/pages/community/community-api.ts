import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, errorOf, type FieldProblem, urlOf } from '../../api/http';
import type { AuthAnswer } from '../../api/session';
import { currentLanguage } from '../../i18n';

/** Who sees a profile, or one of its fields (as /members models it). */
export type Visibility = 'public' | 'members' | 'private';
export const VISIBILITIES: Visibility[] = ['public', 'members', 'private'];

/** The fields a member may hide further than the profile itself. */
export const PROFILE_FIELDS = [
  'organisation',
  'orgType',
  'country',
  'region',
  'languages',
  'expertise',
  'objectives',
  'bio',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export interface Profile {
  id: string;
  displayName: string;
  organisation: string | null;
  orgType: string | null;
  country: string | null;
  region: string | null;
  languages: string[];
  expertise: string[];
  objectives: number[];
  bio: string | null;
  visibility: Visibility;
  /** Only in the member's own profile (/members/me). */
  fieldVisibility?: Record<ProfileField, Visibility>;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const GROUP_TYPES = ['working_group', 'country_network', 'regional_network', 'thematic'] as const;
export type GroupType = (typeof GROUP_TYPES)[number];
export const JOIN_POLICIES = ['open', 'request', 'invite'] as const;
export type JoinPolicy = (typeof JOIN_POLICIES)[number];
export const GROUP_ROLES = ['owner', 'facilitator', 'member'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];
export type MembershipStatus = 'active' | 'pending' | 'invited';
export type PlatformRole = 'member' | 'moderator' | 'admin';

export interface Group {
  id: string;
  name: string;
  description: string;
  type: GroupType;
  visibility: Visibility;
  joinPolicy: JoinPolicy;
  country: string | null;
  region: string | null;
  objectives: number[];
  memberCount: number;
  createdBy: { id: string | null; displayName: string };
  viewer: { role: GroupRole; status: MembershipStatus } | null;
  createdAt: string;
  updatedAt: string;
}

export interface Membership {
  groupId: string;
  userId: string;
  displayName: string;
  role: GroupRole;
  status: MembershipStatus;
  since: string;
}

/** The least platform role that may create each type of group. */
export type CreationPolicy = Record<GroupType, PlatformRole>;

const RANK: Record<PlatformRole, number> = { member: 0, moderator: 1, admin: 2 };
export function atLeast(role: PlatformRole, minimum: PlatformRole): boolean {
  return RANK[role] >= RANK[minimum];
}

/** Where to go after signing in: a path of this site only (never `//elsewhere` or a full address). */
export function safeNext(value: string | null, fallback = '/'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}

/** A refusal of the sign-in or registration, with the wait the server asks for (Retry-After) when throttled. */
export class AuthError extends ApiError {
  constructor(
    base: ApiError,
    readonly retryAfter: number | null,
  ) {
    super(base.status, base.code, base.message, base.details);
  }
}

/** Signs in or registers; the session is not stored here (the page calls `signedIn`). */
export async function authenticate(path: '/auth/login' | '/auth/register', body: object): Promise<AuthAnswer> {
  let response: Response;
  try {
    response = await fetch(urlOf(path), {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new AuthError(new ApiError(0, 'network', 'network'), null);
  }
  const answer: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const seconds = Number(response.headers.get('Retry-After'));
    throw new AuthError(errorOf(response.status, answer), Number.isFinite(seconds) && seconds > 0 ? seconds : null);
  }
  return answer as AuthAnswer;
}

interface TaxonomyList<T> {
  language: string;
  items: T[];
}
export interface Objective {
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

/** The GCM taxonomy in the interface language (served from memory and cached for five minutes). */
export function useTaxonomy() {
  useTranslation();
  const lang = currentLanguage();
  const list = <T>(kind: string) => ({
    queryKey: ['taxonomy', kind, lang],
    queryFn: () => api<TaxonomyList<T>>(`/taxonomy/${kind}`, { query: { lang }, token: null }),
    staleTime: 300_000,
  });
  const objectives = useQuery(list<Objective>('objectives'));
  const countries = useQuery(list<Country>('countries'));
  const regions = useQuery(list<Term>('regions'));
  const orgTypes = useQuery(list<Term>('organisation-types'));
  const collator = new Intl.Collator(lang);
  return {
    ready: Boolean(objectives.data && countries.data && regions.data && orgTypes.data),
    error: objectives.error ?? countries.error ?? regions.error ?? orgTypes.error,
    objectives: objectives.data?.items ?? [],
    countries: [...(countries.data?.items ?? [])].sort((a, b) => collator.compare(a.name, b.name)),
    regions: regions.data?.items ?? [],
    orgTypes: orgTypes.data?.items ?? [],
    objective: (number: number) => objectives.data?.items.find((item) => item.number === number),
    countryName: (code: string) => countries.data?.items.find((item) => item.code === code)?.name ?? code,
    regionLabel: (key: string) => regions.data?.items.find((item) => item.key === key)?.label ?? key,
    orgTypeLabel: (key: string) => orgTypes.data?.items.find((item) => item.key === key)?.label ?? key,
  };
}
export type Taxonomy = ReturnType<typeof useTaxonomy>;

/** The server's word about one field, in the interface language when it is one the client knows. */
export function useProblems() {
  const { t } = useTranslation('community');
  const known: [RegExp, (match: RegExpMatchArray) => string][] = [
    [/^is already registered$/, () => t('problems.emailTaken')],
    [/^is already taken$/, () => t('problems.taken')],
    [/^must be a valid email address$/, () => t('problems.email')],
    [/^must be at least (\d+) characters long$/, (m) => t('problems.minLength', { count: Number(m[1]) })],
    [/^must be longer than or equal to (\d+) characters$/, (m) => t('problems.minLength', { count: Number(m[1]) })],
    [/^must be shorter than or equal to (\d+) characters$/, (m) => t('problems.maxLength', { count: Number(m[1]) })],
    [/^must contain a letter and a digit or symbol$/, () => t('problems.passwordMix')],
    [/^must start with a letter or digit/, () => t('problems.nameCharacters')],
    [/^is required$/, () => t('problems.required')],
    [/^is incorrect$/, () => t('problems.incorrect')],
    [/^signs in with (.+), not with a password$/, (m) => t('problems.useSso', { name: m[1] })],
  ];
  const say = (problem: string): string => {
    for (const [pattern, message] of known) {
      const match = pattern.exec(problem);
      if (match) return message(match);
    }
    return problem.charAt(0).toUpperCase() + problem.slice(1);
  };
  return {
    /** What to show under the field, or undefined. */
    of: (error: unknown, ...fields: string[]): string | undefined => {
      if (!(error instanceof ApiError)) return undefined;
      const found = fields
        .map((field) => error.details.find((detail) => detail.field === field || detail.field.startsWith(`${field}.`)))
        .find((detail): detail is FieldProblem => detail !== undefined);
      return found ? say(found.problem) : undefined;
    },
    /** Whether the error named none of these fields (then the form shows it as a whole). */
    unplaced: (error: unknown, fields: readonly string[]): boolean =>
      Boolean(error) &&
      !(
        error instanceof ApiError &&
        error.details.length > 0 &&
        error.details.every((detail) =>
          fields.some((field) => detail.field === field || detail.field.startsWith(`${field}.`)),
        )
      ),
  };
}

/** A language's name in the interface language (Intl knows them all). */
export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The ISO 639-1 codes the API accepts for a member's languages. */
export const LANGUAGE_CODES = (
  'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ' +
  'ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ' +
  'ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi ' +
  'mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw ' +
  'sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ' +
  'ur uz ve vi vo wa wo xh yi yo za zh zu'
).split(' ');

import { API, ApiError, errorOf } from './api-error';
import { accessToken, refreshSession } from './session';

export { API, ApiError, errorOf, type FieldProblem } from './api-error';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** A token to send instead of the signed-in member's (a guest's, for one live session). */
  token?: string | null;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
}

export function urlOf(path: string, query: RequestOptions['query'] = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API}${path}${search ? `?${search}` : ''}`;
}

/** Calls the API as the signed-in member (refreshing an expired access token once) or with the token given. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const send = (token: string | null) =>
    fetch(urlOf(path, options.query), {
      method: options.method ?? 'GET',
      headers: {
        Accept: 'application/json',
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  const ownToken = options.token === undefined;
  let response: Response;
  try {
    response = await send(ownToken ? accessToken() : (options.token ?? null));
    if (response.status === 401 && ownToken && accessToken() && (await refreshSession())) {
      response = await send(accessToken());
    }
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  const body: unknown = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) throw errorOf(response.status, body);
  return body as T;
}

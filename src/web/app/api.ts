/**
 * The one way the web app talks to the server: JSON over fetch with the session cookie, the CSRF header on
 * unsafe methods, and every non-2xx answer turned into an ApiError carrying the server's envelope.
 */
import i18n from './i18n';

export const API_BASE = '/api/v1';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** The server's error envelope `{ error: { code, message, details } }`, as a throwable. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

// The CSRF token comes with the login and /auth/me answers and lives only in memory: reading it back from a
// cookie or storage would let any script on the page replay it.
let csrfToken: string | null = null;
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

// Who to tell when the session is gone. The auth context registers itself so the app can route to /login
// without a full reload; the fallback is a plain navigation.
let onUnauthenticated: () => void = () => {
  if (window.location.pathname !== '/login') window.location.assign('/login');
};
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** A 401 from the login call means wrong credentials, not an expired session. */
const NO_REDIRECT_ON_401 = new Set(['/auth/login']);

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Accept header; files (templates, exports) are not JSON. */
  accept?: string;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Sends a request and returns the raw Response once it is known to be 2xx. */
export async function apiFetch(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: options.accept ?? 'application/json',
    // Before sign-in the server picks the message language from Accept-Language; send the UI's choice.
    'Accept-Language': i18n.language === 'en' ? 'en' : 'zh-CN',
  };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body; // the browser sets the multipart boundary itself
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'include',
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (response.ok) return response;

  const error = await readError(response);
  if (response.status === 401 && !NO_REDIRECT_ON_401.has(path)) onUnauthenticated();
  throw error;
}

async function readError(response: Response): Promise<ApiError> {
  try {
    const json = (await response.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (json.error?.code) {
      return new ApiError(response.status, json.error.code, json.error.message ?? json.error.code, json.error.details);
    }
  } catch {
    // Not our envelope (a proxy error page, an empty body): fall through to a generic error.
  }
  return new ApiError(response.status, 'internal', i18n.t('errors.http', { status: response.status }));
}

export async function apiJson<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  const response = await apiFetch(method, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => apiJson<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiJson<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => apiJson<T>('PATCH', path, { body }),
  delete: <T>(path: string) => apiJson<T>('DELETE', path),
};

/** The message to show for any thrown value; server messages are already in the user's language. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return i18n.t('errors.unknown');
}

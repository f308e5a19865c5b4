// The dashboard's only way to the data: /api/v1, signed in one of two ways. A person signs in with a
// password: the platform sets an HttpOnly session cookie the browser sends by itself, and every
// write carries the session's CSRF token in x-csrf-token (docs/accounts.md). Or a bearer token is
// pasted: it lives in sessionStorage (this tab only, gone when it closes) and goes in the
// Authorization header, which another site cannot make the browser send.
import { saveBlob } from './dom.js';

const TOKEN_KEY = 'edgenet.token';
let csrfToken: string | null = null;
export const API = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The values the message is made of, for wording it in the user's language (server-text.ts). */
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
}

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}
export function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** The session's CSRF token, from the sign-in answer or GET /session; null for a bearer token. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let onUnauthorized: () => void = () => undefined;
export function whenUnauthorized(fn: () => void): void {
  onUnauthorized = fn;
}

export function authHeaders(): Record<string, string> {
  const token = getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

interface RequestOptions {
  signal?: AbortSignal | undefined;
  /** A 401 is the answer itself (a wrong password), not a lost session: stay on the page. */
  quiet401?: boolean;
}

async function request(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<Response> {
  const { signal } = options;
  const csrf: Record<string, string> = method !== 'GET' && csrfToken && !getToken() ? { 'x-csrf-token': csrfToken } : {};
  const res = await fetch(`${API}${path}`, {
    method,
    headers: { ...authHeaders(), ...csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
    signal: signal ?? null,
  });
  if (res.ok) return res;
  let code = '';
  let message = res.statusText;
  let params: Record<string, string | number> = {};
  try {
    const err = (await res.json()) as { code?: string; message?: string; params?: Record<string, string | number> };
    code = err.code ?? '';
    message = err.message ?? message;
    params = err.params ?? {};
  } catch {
    // not JSON
  }
  if (res.status === 401 && !options.quiet401) onUnauthorized();
  throw new ApiError(res.status, code, message, params);
}

export async function get<T>(path: string, signal?: AbortSignal, options: RequestOptions = {}): Promise<T> {
  return (await request('GET', path, undefined, { ...options, signal })).json() as Promise<T>;
}

export async function post<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  return (await request('POST', path, body, options)).json() as Promise<T>;
}

export async function patch<T>(path: string, body: unknown): Promise<T> {
  return (await request('PATCH', path, body)).json() as Promise<T>;
}

/** DELETE; the answer's body, if any, is not read. */
export async function del(path: string): Promise<void> {
  await request('DELETE', path);
}

/** Downloads with the token (a plain link could not send it) and saves under `filename`. */
export async function download(path: string, filename: string): Promise<void> {
  saveBlob(await (await request('GET', path)).blob(), filename);
}

/** Query string from the defined values only. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * The console's one way to the server: JSON under /api/staff, the session in
 * its httpOnly cookie, and the session's CSRF token on every change. Errors
 * come back as the server's AppError code and its Chinese message.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

let csrfToken: string | null = null;

/** Set from the session (sign-in or /api/staff/me); cleared on sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function call<T>(method: string, path: string, body?: unknown, file?: File): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  // A file goes as its own bytes, named in x-file-name (UTF-8, percent-encoded).
  if (file) Object.assign(headers, { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) });
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, { method, headers, body: file ?? (body === undefined ? undefined : JSON.stringify(body)), credentials: 'same-origin' });
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'internal', error?.message ?? `服务暂时不可用(${response.status})`);
  }
  return payload as T;
}

export const getJson = <T>(path: string) => call<T>('GET', path);
export const postJson = <T>(path: string, body: unknown = {}) => call<T>('POST', path, body);
export const putJson = <T>(path: string, body: unknown) => call<T>('PUT', path, body);
export const deleteJson = <T>(path: string) => call<T>('DELETE', path);
export const postFile = <T>(path: string, file: File) => call<T>('POST', path, undefined, file);

/** A query string from the filled-in values only. */
export function withQuery(path: string, values: Record<string, string | number | undefined | null>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

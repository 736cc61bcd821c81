/**
 * The one error model. Every failure a caller can act on is an AppError with a
 * stable snake_case code; `describeError` maps codes to HTTP statuses and CLI
 * exit codes in one table. Messages are shown to users, so they are Chinese.
 */
export const errorCodes = {
  validation_failed: { http: 400, exit: 2 },
  config_invalid: { http: 500, exit: 78 },
  not_found: { http: 404, exit: 3 },
  unauthenticated: { http: 401, exit: 4 },
  forbidden: { http: 403, exit: 4 },
  conflict: { http: 409, exit: 5 },
  // A retired address (the old server-rendered staff forms): it will not come back.
  gone: { http: 410, exit: 3 },
  file_unreadable: { http: 400, exit: 6 },
  file_empty: { http: 400, exit: 6 },
  file_too_large: { http: 413, exit: 6 },
  file_binary: { http: 415, exit: 6 },
  encoding_invalid: { http: 415, exit: 6 },
  line_too_long: { http: 400, exit: 6 },
  file_truncated: { http: 400, exit: 6 },
  no_documents: { http: 400, exit: 6 },
  file_format_unsupported: { http: 415, exit: 6 },
  file_corrupt: { http: 400, exit: 6 },
  file_encrypted: { http: 415, exit: 6 },
  file_needs_ocr: { http: 415, exit: 6 },
  calendar_not_loaded: { http: 409, exit: 7 },
  invalid_transition: { http: 409, exit: 5 },
  rate_limited: { http: 429, exit: 8 },
  // A page or sitemap another site would not give us (an HTTP error, a timeout, no connection).
  fetch_failed: { http: 502, exit: 9 },
  dependency_missing: { http: 503, exit: 69 },
  // PostgreSQL is down or restarting: the request may be tried again (Retry-After).
  database_unavailable: { http: 503, exit: 69 },
  // Another process has the embedded database's folder open (EX_TEMPFAIL).
  database_locked: { http: 409, exit: 75 },
  // What HTTP itself refuses before any route runs: oversized, unreadable or unknown bodies.
  bad_request: { http: 400, exit: 2 },
  body_too_large: { http: 413, exit: 2 },
  unsupported_media_type: { http: 415, exit: 2 },
  migration_changed: { http: 500, exit: 70 },
  internal: { http: 500, exit: 70 },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Turns any thrown value into what may be shown: internals never leak. */
export function describeError(error: unknown): { code: ErrorCode; message: string; http: number; exit: number } {
  if (isAppError(error) && Object.hasOwn(errorCodes, error.code)) {
    return { code: error.code, message: error.message, ...errorCodes[error.code] };
  }
  return { code: 'internal', message: '内部错误', ...errorCodes.internal };
}

/**
 * Expected outcomes are typed domain errors with a code that the UI translates (errors:<code>).
 * Anything else is a bug: logged, and shown to the user as a generic translated page.
 */
export type FieldErrors = Record<string, { code: string; params?: Record<string, string | number> }>;

export class DomainError extends Error {
  /**
   * The Remix server build bundles its own copy of this module, so `instanceof` fails across the boundary
   * between services and routes. Recognise domain errors by this brand instead (see isDomainError).
   */
  readonly domainError = true;
  constructor(
    readonly code: string,
    readonly status: number,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  constructor(code = "not_found", params?: Record<string, string | number>) {
    super(code, 404, params);
  }
}

export class Forbidden extends DomainError {
  constructor(code = "forbidden", params?: Record<string, string | number>) {
    super(code, 403, params);
  }
}

export class Conflict extends DomainError {
  constructor(code: string, params?: Record<string, string | number>) {
    super(code, 409, params);
  }
}

export class RateLimited extends DomainError {
  constructor(
    code: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, 429, { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
  }
}

/** Field-level validation failure: one translated message per field, shown beside it. */
export class Invalid extends DomainError {
  constructor(readonly fields: FieldErrors) {
    super("invalid", 400);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof Error && (error as { domainError?: unknown }).domainError === true;
}

export function isInvalid(error: unknown): error is Invalid {
  return isDomainError(error) && error.code === "invalid" && "fields" in error;
}

export function isRateLimited(error: unknown): error is RateLimited {
  return isDomainError(error) && error.status === 429 && "retryAfterSeconds" in error;
}

/** What an expected outcome says over HTTP: the status, the JSON body, and the headers it needs. */
export interface ErrorAnswer {
  status: number;
  body: { error: { code: string; params: Record<string, string | number>; fields?: FieldErrors } };
  headers: Record<string, string>;
  /** The per-field messages of an Invalid (a form shows them beside its fields). */
  fields: FieldErrors | null;
}

/**
 * The one mapping from domain errors to HTTP, used by pages (forms and loaders) and the JSON API alike; null for
 * anything else, which is a bug and becomes a 500 with nothing said.
 */
export function errorAnswer(error: unknown): ErrorAnswer | null {
  if (!isDomainError(error)) return null;
  const fields = isInvalid(error) ? error.fields : null;
  return {
    status: error.status,
    body: { error: { code: error.code, params: error.params, ...(fields ? { fields } : {}) } },
    headers: isRateLimited(error) ? { "Retry-After": String(error.retryAfterSeconds) } : {},
    fields,
  };
}

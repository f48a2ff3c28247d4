import { networkMessage, type PaginationErrorInit, paginationMessage, parseMessage } from "./messages.js";

export type { PaginationErrorInit };

import { createRedactor, type Redactor, sanitizeCause } from "./redact.js";

/**
 * Base class of every error crm-kit throws, so `catch (e) { if (e instanceof CrmKitError) … }` separates
 * API and transport failures from bugs. Messages, stacks, properties and `toJSON()` never contain secrets.
 */
export class CrmKitError extends Error {
  /** The error as a plain object for structured logs: name, message and every field (all redacted) of the subclass. */
  toJSON(): Record<string, unknown> {
    // The spread copies own enumerable properties only: the subclass's fields, not message, stack or cause.
    return { name: this.name, message: this.message, ...(this as object) };
  }
}

/**
 * Names each class on its prototype rather than per instance, so that a stack's first line already shows the class
 * name (a minifier renames the classes themselves, so the names are written out here).
 */
export function nameErrorClasses(classes: Record<string, { prototype: Error }>): void {
  for (const [name, errorClass] of Object.entries(classes)) errorClass.prototype.name = name;
}

/** What every transport failure knows about the request. */
export interface ConnectionErrorInit {
  /** Vendor name for the message, e.g. "folk". */
  vendor: string;
  /** HTTP method. */
  method: string;
  /** Request URL (redacted by the constructor). */
  url: string;
  /** Attempts made, the failed one included. */
  attempt: number;
  /** System error code such as "ECONNRESET", when known. */
  code?: string | undefined;
  /** The spec marks the operation idempotent, so a POST or PATCH was retried like a GET (default: by method). */
  idempotent?: boolean | undefined;
  /** The underlying error; a scrubbed copy is kept. */
  cause?: unknown;
  /** Secret values to scrub from everything above (default: none). */
  secrets?: readonly string[] | undefined;
}

/**
 * The API could not be reached, or the connection broke before a complete response arrived. (Error fields are
 * `declare`d: the constructor assigns every one, so a separate class-field definition would only be set twice.)
 */
export class ConnectionError extends CrmKitError {
  /** HTTP method of the failed call. */
  declare readonly method: string;
  /** Request URL, secrets redacted. */
  declare readonly url: string;
  /** Attempts made, the failed one included (1 when not retried). */
  declare readonly attempt: number;
  /** System error code such as "ECONNREFUSED" or "UND_ERR_SOCKET", when known. */
  declare readonly code: string | undefined;

  constructor(init: ConnectionErrorInit | TimeoutErrorInit) {
    const redactor = createRedactor(init.secrets ?? []);
    const url = redactor.url(init.url);
    super(redactor.text(networkMessage(init, url)), { cause: sanitizeCause(init.cause, redactor) });
    this.method = init.method;
    this.url = url;
    this.attempt = init.attempt;
    this.code = init.code;
  }
}

/** A timeout failure also knows the limit it exceeded. */
export interface TimeoutErrorInit extends ConnectionErrorInit {
  /** The per-attempt timeout that elapsed, in ms. */
  timeoutMs: number;
}

/** Every attempt ran past `timeoutMs`. A subclass of ConnectionError, so one `catch` can handle both. */
export class TimeoutError extends ConnectionError {
  /** The per-attempt timeout that elapsed, in ms. */
  declare readonly timeoutMs: number;

  constructor(init: TimeoutErrorInit) {
    super(init);
    this.timeoutMs = init.timeoutMs;
  }
}

/** What is known about a 2xx response whose body was not the JSON it should have been. */
export interface ResponseParseErrorInit {
  /** Vendor name for the message. */
  vendor: string;
  /** HTTP method. */
  method: string;
  /** Request URL (redacted by the constructor). */
  url: string;
  /** HTTP status, e.g. 200. */
  status: number;
  /** The raw body text. */
  text: string;
  /** The response Content-Type, or null. */
  contentType: string | null;
  /** The SyntaxError from JSON.parse; a scrubbed copy is kept. */
  cause?: unknown;
  /** Secret values to scrub (default: none). */
  secrets?: readonly string[] | undefined;
}

/** The API answered 2xx but the body is not valid JSON, e.g. a truncated body or a proxy's HTML page. */
export class ResponseParseError extends CrmKitError {
  /** HTTP status of the response, e.g. 200. */
  declare readonly status: number;
  /** The body as received, secrets scrubbed. */
  declare readonly text: string;
  /** The response Content-Type, or null when absent. */
  declare readonly contentType: string | null;
  /** HTTP method of the call. */
  declare readonly method: string;
  /** Request URL, secrets redacted. */
  declare readonly url: string;

  constructor(init: ResponseParseErrorInit) {
    const redactor = createRedactor(init.secrets ?? []);
    const url = redactor.url(init.url);
    const text = redactor.text(init.text);
    super(redactor.text(parseMessage(init, url)), { cause: parseFailure(init.cause, text, redactor) });
    this.status = init.status;
    this.text = text;
    this.contentType = init.contentType;
    this.method = init.method;
    this.url = url;
  }
}

/**
 * The cause of a ResponseParseError. V8's SyntaxError quotes about ten characters around the error, which can be
 * part of a secret that the redactor, looking for whole secrets, does not recognise. So the error is made again
 * from the redacted text, whose quote can show only "[REDACTED]"; if that text happens to parse, a plain
 * SyntaxError stands in.
 */
function parseFailure(cause: unknown, redactedText: string, redactor: Redactor): unknown {
  if (!(cause instanceof SyntaxError)) return sanitizeCause(cause, redactor);
  try {
    JSON.parse(redactedText);
  } catch (error) {
    return sanitizeCause(error, redactor);
  }
  return new SyntaxError("the body is not valid JSON");
}

/**
 * Pagination cannot continue safely: the API handed back a cursor it had already given, a page broke the
 * documented schema (so where the list ends is unknown), or the walk reached `maxPages`.
 */
export class PaginationError extends CrmKitError {
  /** 1-based number of the page at which the walk stopped (0 when thrown outside paginate()). */
  declare readonly page: number;
  /** The repeated cursor, as its key string, when a cursor repeated. */
  declare readonly cursor: string | undefined;
  /** The page field that broke the schema, e.g. "pagination.pageSize". */
  declare readonly field: string | undefined;
  /** The guard reached, when the walk stopped at maxPages. */
  declare readonly maxPages: number | undefined;
  readonly #init: PaginationErrorInit;

  constructor(init: PaginationErrorInit) {
    super(paginationMessage(init));
    this.#init = init;
    this.page = init.page ?? 0;
    this.cursor = init.cursor;
    this.field = init.field;
    this.maxPages = init.maxPages;
  }

  /** This error as raised at `page`: paginate() names the page when a strategy's check threw without one. */
  atPage(page: number): PaginationError {
    return this.#init.page === undefined ? new PaginationError({ ...this.#init, page }) : this;
  }
}

nameErrorClasses({ CrmKitError, ConnectionError, TimeoutError, ResponseParseError, PaginationError });

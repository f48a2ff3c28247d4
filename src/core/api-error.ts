import { serverRequestedDelayMs } from "./backoff.js";
import { CrmKitError, pathOf, truncate } from "./errors.js";
import { createRedactor } from "./redact.js";
import { locationForError, redirectHint } from "./redirect.js";
import type { ParsedVendorError, VendorDefinition } from "./vendor.js";

/** Everything known about a non-2xx response; the constructor redacts it. */
export interface ApiErrorInit {
  /** HTTP status, e.g. 404. */
  status: number;
  /** HTTP reason phrase, e.g. "Not Found" (default: none). */
  statusText?: string | undefined;
  /** Parsed JSON body, its text when not JSON, or undefined when empty. */
  body: unknown;
  /** Response headers. */
  headers: Headers | Record<string, string>;
  /** HTTP method of the call. */
  method: string;
  /** Request URL. */
  url: string;
  /** The vendor, to map its error body and name it in the message (default: a generic "api"). */
  vendor?: Pick<VendorDefinition, "name" | "parseError" | "secretHeaders"> | undefined;
  /** Secret values to scrub from every field (default: none). */
  secrets?: readonly string[] | undefined;
}

/**
 * The API answered with a non-2xx status. `ApiError.from()` returns the subclass for the status, so callers can
 * `catch (e) { if (e instanceof NotFoundError) … }`. `message` is one line: vendor, method, path, status, the
 * vendor's explanation and what to do.
 */
export class ApiError extends CrmKitError {
  static {
    ApiError.prototype.name = "ApiError";
  }
  /** HTTP status code, e.g. 404. */
  readonly status: number;
  /** Vendor error code, e.g. "not_found" (undefined when the body has none). */
  readonly code: string | undefined;
  /** Request id to quote to the vendor's support, from the body or an X-Request-Id header. */
  readonly requestId: string | undefined;
  /** Request field the vendor blames, e.g. "email" (undefined when it names none). */
  readonly param: string | undefined;
  /** Parsed JSON body, or the raw text when it is not JSON (an HTML 502 page); secrets scrubbed. */
  readonly body: unknown;
  /** Response headers as a plain object with lower-case names; secret headers read "[REDACTED]". */
  readonly headers: Record<string, string>;
  /** HTTP method of the call. */
  readonly method: string;
  /** Request URL, secrets and userinfo redacted. */
  readonly url: string;

  constructor(init: ApiErrorInit) {
    const redactor = createRedactor(init.secrets ?? [], init.vendor?.secretHeaders ?? []);
    const headers = redactor.headers(init.headers);
    if (headers.location !== undefined) headers.location = locationForError(headers.location, init.url);
    // Everything is redacted before any of it is cut to length, so that no part of a secret survives a cut.
    const body = redactor.value(init.body);
    const parsed = parseVendorError(init.vendor, body);
    const url = redactor.url(init.url);
    const requestId = parsed.requestId ?? headers["x-request-id"] ?? headers["request-id"];
    super(redactor.text(apiMessage(init, body, parsed, requestId, headers, url)));
    this.status = init.status;
    this.code = parsed.code;
    this.requestId = requestId;
    this.param = parsed.param;
    this.body = body;
    this.headers = headers;
    this.method = init.method;
    this.url = url;
  }

  /** The ApiError subclass for the status: 400, 401, 403, 404, 409, 422, 429, ≥500; ApiError otherwise. */
  static from(init: ApiErrorInit): ApiError {
    const ErrorClass = errorClassFor(init.status);
    return new ErrorClass(init);
  }

  override toJSON(): Record<string, unknown> {
    const { status, code, requestId, param, method, url, headers, body } = this;
    return { ...super.toJSON(), status, code, requestId, param, method, url, headers, body };
  }
}

/** 400: the API rejected the request as malformed or invalid. */
export class BadRequestError extends ApiError {
  static {
    BadRequestError.prototype.name = "BadRequestError";
  }
}
/** 401: the credentials were missing, wrong or expired. */
export class AuthenticationError extends ApiError {
  static {
    AuthenticationError.prototype.name = "AuthenticationError";
  }
}
/** 403: the credentials are valid but may not do this. */
export class PermissionDeniedError extends ApiError {
  static {
    PermissionDeniedError.prototype.name = "PermissionDeniedError";
  }
}
/** 404: the resource does not exist or is not visible to these credentials. */
export class NotFoundError extends ApiError {
  static {
    NotFoundError.prototype.name = "NotFoundError";
  }
}
/** 409: the request conflicts with the resource's current state (a duplicate, for instance). */
export class ConflictError extends ApiError {
  static {
    ConflictError.prototype.name = "ConflictError";
  }
}
/** 422: the request was well-formed but its content failed validation. */
export class UnprocessableEntityError extends ApiError {
  static {
    UnprocessableEntityError.prototype.name = "UnprocessableEntityError";
  }
}
/** 429: rate limited, after any retries the client made. */
export class RateLimitError extends ApiError {
  static {
    RateLimitError.prototype.name = "RateLimitError";
  }
  /**
   * How long the server asked to wait (Retry-After or X-RateLimit-Reset), in ms, capped at 24 h (86_400_000);
   * undefined when it did not say.
   */
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init);
    this.retryAfterMs = retryAfterMsOf(init.headers);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}
/** ≥500: the server (or a proxy in front of it) failed. */
export class InternalServerError extends ApiError {
  static {
    InternalServerError.prototype.name = "InternalServerError";
  }
}

function errorClassFor(status: number): new (init: ApiErrorInit) => ApiError {
  if (status >= 500) return InternalServerError;
  const byStatus: Record<number, new (init: ApiErrorInit) => ApiError> = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
  };
  return byStatus[status] ?? ApiError;
}

// What to say when the vendor says nothing, and what the user can do about it.
const DEFAULT_TEXT: Record<number, string> = {
  400: "the request was rejected as invalid",
  401: "the credentials were rejected",
  403: "the credentials may not perform this operation",
  404: "not found",
  409: "the request conflicts with the resource's current state",
  422: "the request content failed validation",
  429: "rate limited",
};

function parseVendorError(vendor: ApiErrorInit["vendor"], body: unknown): ParsedVendorError {
  if (!vendor) return {};
  let parsed: ParsedVendorError;
  try {
    parsed = vendor.parseError(body) ?? {};
  } catch {
    // A vendor parser bug must not hide the HTTP error the user is trying to see.
    return {};
  }
  return { code: asText(parsed.code), message: asText(parsed.message), requestId: asText(parsed.requestId), param: asText(parsed.param) };
}

// Vendors send numeric codes (emnify's error_code) although the type says string; keep them readable.
function asText(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  return typeof value === "number" ? String(value) : undefined;
}

// Longest wait reported: beyond it a Retry-After (an HTTP date in year 9999, 400 digits of seconds) is nonsense.
const MAX_REPORTED_WAIT_MS = 86_400_000;

/** The server-requested wait, capped at MAX_REPORTED_WAIT_MS. */
function retryAfterMsOf(headers: Headers | Record<string, string>): number | undefined {
  const wait = serverRequestedDelayMs(headers instanceof Headers ? headers : new Headers(headers), 429);
  return wait === undefined ? undefined : Math.min(wait, MAX_REPORTED_WAIT_MS);
}

function apiMessage(
  init: ApiErrorInit,
  body: unknown,
  parsed: ParsedVendorError,
  requestId: string | undefined,
  headers: Record<string, string>,
  url: string,
): string {
  const status = `${init.status}${init.statusText ? ` ${init.statusText}` : ""}`;
  const head = `${init.vendor?.name ?? "api"}: ${init.method} ${pathOf(url)} returned ${status}`;
  const detail = parsed.message
    ? truncate(oneLine(parsed.message), 300)
    : typeof body === "string" && body.trim() !== ""
      ? describeTextBody(body, headers["content-type"])
      : (DEFAULT_TEXT[init.status] ?? (init.status >= 500 ? "the server failed" : "the request failed"));
  const tags = [
    parsed.code && `code ${parsed.code}`,
    parsed.param && `param ${parsed.param}`,
    requestId && `request id ${requestId}`,
  ].filter(Boolean);
  return `${head}: ${detail}${tags.length > 0 ? ` [${tags.join(", ")}]` : ""}${hintFor(init)}`;
}

function hintFor(init: ApiErrorInit): string {
  if (init.status === 401) return ". Check the API key or login credentials given to the client.";
  if (init.status === 429) {
    const wait = retryAfterMsOf(init.headers);
    if (wait === undefined) return ". Slow down and retry later.";
    return wait >= MAX_REPORTED_WAIT_MS
      ? ". The server asked to wait more than 24 h (Retry-After is capped at 24 h)."
      : `. Retry after ${Math.ceil(wait / 1000)} s.`;
  }
  if (init.status >= 500) return ". Retrying later may succeed.";
  return redirectHint(init.status, init.headers, init.url);
}

// A non-JSON error body is usually a proxy's HTML page: name it by its <title> rather than dumping markup.
function describeTextBody(text: string, contentType: string | undefined): string {
  const isHtml = contentType?.includes("html") === true || /^\s*</.test(text);
  if (isHtml) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    return title ? `non-JSON response (HTML page "${truncate(oneLine(title), 100)}")` : "non-JSON response (HTML page)";
  }
  return `non-JSON response: ${JSON.stringify(truncate(oneLine(text), 200))}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

import { reportedRetryAfterMs } from "./backoff.js";
import { CrmKitError, nameErrorClasses } from "./errors.js";
import { type ApiErrorInit, apiMessage } from "./messages.js";
import { createRedactor, redactLocation } from "./redact.js";
import type { ParsedVendorError } from "./vendor.js";

export type { ApiErrorInit };

/**
 * The API answered with a non-2xx status. `ApiError.from()` returns the subclass for the status, so callers can
 * `catch (e) { if (e instanceof NotFoundError) … }`. `message` is one line: vendor, method, path, status, the
 * vendor's explanation and what to do.
 */
export class ApiError extends CrmKitError {
  /** HTTP status code, e.g. 404. */
  declare readonly status: number;
  /** Vendor error code, e.g. "not_found" (undefined when the body has none). */
  declare readonly code: string | undefined;
  /** Request id to quote to the vendor's support, from the body or an X-Request-Id header. */
  declare readonly requestId: string | undefined;
  /** Request field the vendor blames, e.g. "email" (undefined when it names none). */
  declare readonly param: string | undefined;
  /** Parsed JSON body, or the raw text when it is not JSON (an HTML 502 page); secrets scrubbed. */
  declare readonly body: unknown;
  /** Response headers as a plain object with lower-case names; secret headers read "[REDACTED]". */
  declare readonly headers: Record<string, string>;
  /** HTTP method of the call. */
  declare readonly method: string;
  /** Request URL, secrets and userinfo redacted. */
  declare readonly url: string;

  constructor(init: ApiErrorInit) {
    const redactor = createRedactor(init.secrets ?? [], init.vendor?.secretHeaders ?? []);
    const headers = redactor.headers(init.headers);
    if (headers.location !== undefined) headers.location = redactLocation(headers.location, init.url);
    // Everything is redacted before any of it is cut to length, so that no part of a secret survives a cut.
    const body = redactor.value(init.body);
    const parsed = parseVendorError(init.vendor, body);
    const url = redactor.url(init.url);
    // AWS API Gateway (in front of emnify and Kare) names its request id x-amzn-requestid; the bodies carry none.
    const requestId = parsed.requestId ?? headers["x-request-id"] ?? headers["request-id"] ?? headers["x-amzn-requestid"];
    super(redactor.text(apiMessage(init, { url, body, headers, parsed, requestId })));
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
    const ErrorClass = init.status >= 500 ? InternalServerError : (CLASS_BY_STATUS[init.status] ?? ApiError);
    return new ErrorClass(init);
  }
}

/** 400: the API rejected the request as malformed or invalid. */
export class BadRequestError extends ApiError {}
/** 401: the credentials were missing, wrong or expired. */
export class AuthenticationError extends ApiError {}
/** 403: the credentials are valid but may not do this. */
export class PermissionDeniedError extends ApiError {}
/** 404: the resource does not exist or is not visible to these credentials. */
export class NotFoundError extends ApiError {}
/** 409: the request conflicts with the resource's current state (a duplicate, for instance). */
export class ConflictError extends ApiError {}
/** 422: the request was well-formed but its content failed validation. */
export class UnprocessableEntityError extends ApiError {}
/** 429: rate limited, after any retries the client made. */
export class RateLimitError extends ApiError {
  /**
   * How long the server asked to wait (Retry-After or X-RateLimit-Reset), in ms, capped at 24 h (86_400_000);
   * undefined when it did not say.
   */
  declare readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init);
    this.retryAfterMs = reportedRetryAfterMs(init.headers);
  }
}
/** ≥500: the server (or a proxy in front of it) failed. */
export class InternalServerError extends ApiError {}

nameErrorClasses({
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
});

// The one map from status to class; every status of 500 and above is an InternalServerError.
const CLASS_BY_STATUS: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
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

/**
 * What crm-kit's errors say. Every message starts with one prefix, `crm-kit (<vendor>): ` when the vendor is known
 * and `crm-kit: ` otherwise, then names what was wrong, where, and what to do. The error classes only store facts;
 * the sentences are built here from facts already redacted.
 */

import { MAX_REPORTED_WAIT_MS, reportedRetryAfterMs } from "./backoff.js";
import { type UnfollowedRedirect, unfollowedRedirect } from "./redirect.js";
import { isIdempotent } from "./retry-policy.js";
import type { ParsedVendorError, VendorDefinition } from "./vendor.js";

// What the errors are made of, and so what their messages are built from; errors.ts and api-error.ts re-export them.

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

/** What stopped a walk; exactly one of `cursor`, `field` or `maxPages` says why. */
export interface PaginationErrorInit {
  /** 1-based number of the page at which the walk stopped (filled in by paginate() when a strategy throws). */
  page?: number | undefined;
  /** The next cursor, which had already been used. */
  cursor?: string | undefined;
  /** The page field that breaks the documented schema, e.g. "totalCount", and what it should have been. */
  field?: string | undefined;
  expected?: string | undefined;
  /** What the field held instead (described by type and value for numbers, never quoted at length). */
  got?: unknown;
  /** The guard that was reached: the walk had fetched this many pages and the API still named a next one. */
  maxPages?: number | undefined;
}

/** The start of every crm-kit message: "crm-kit (folk): ", or "crm-kit: " where no vendor is known. */
export function prefix(vendor?: string): string {
  return vendor === undefined ? "crm-kit: " : `crm-kit (${vendor}): `;
}

/** One part of a URL for messages (its path: short, and free of a query that may hold personal data); the whole when it does not parse. */
function urlPart(url: string, part: "pathname" | "origin"): string {
  try {
    return new URL(url)[part];
  } catch {
    return url;
  }
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** "crm-kit (folk): GET /v1/companies/c1": who made which call. `url` is already redacted. */
function call(vendor: string | undefined, method: string, url: string): string {
  return `${prefix(vendor)}${method} ${urlPart(url, "pathname")}`;
}

/** Why a call that may have reached the server was not repeated, e.g. " (a POST is not retried once sent: …)". */
function notRetried(method: string, when: string): string {
  return ` (a ${method} is not retried ${when}: the server may already have applied it)`;
}

/** A ConnectionError's or TimeoutError's message. */
export function networkMessage(
  init: {
    vendor: string;
    method: string;
    attempt: number;
    code?: string | undefined;
    timeoutMs?: number;
    idempotent?: boolean | undefined;
  },
  url: string,
): string {
  const { method, attempt, code, timeoutMs } = init;
  const attempts = `${attempt} attempt${attempt === 1 ? "" : "s"}`;
  const unsafe = attempt === 1 && init.idempotent !== true && !isIdempotent(method);
  const head = call(init.vendor, method, url);
  if (timeoutMs !== undefined) {
    return (
      `${head} timed out after ${timeoutMs} ms on each of ${attempts}${unsafe ? notRetried(method, "after a timeout") : ""}. ` +
      `Raise timeoutMs if the operation is slow.`
    );
  }
  return (
    `${head} could not complete: connection to ${urlPart(url, "origin")} failed${code ? ` (${code})` : ""} after ${attempts}` +
    `${unsafe && code !== "ECONNREFUSED" ? notRetried(method, "once sent") : ""}. Check network access to the API and the baseUrl option.`
  );
}

/** A ResponseParseError's message. */
export function parseMessage(
  init: { vendor: string; method: string; status: number; text: string; contentType: string | null },
  url: string,
): string {
  return (
    `${call(init.vendor, init.method, url)} returned ${init.status} but the body is not valid JSON ` +
    `(${init.contentType ?? "no content type"}, ${init.text.length} characters); the raw text is in error.text.`
  );
}

/** The transport's message when a custom fetch resolves to something other than a Response. */
export function nonResponseMessage(vendor: string, method: string, url: string, described: string): string {
  return (
    `${call(vendor, method, url)}: the fetch function returned ${described}, not a Response. A custom fetch (the fetch ` +
    `option) must resolve to a Response, as globalThis.fetch does.`
  );
}

/** The transport's message when a browser hides a redirect (an "opaqueredirect" response). */
export function opaqueRedirectMessage(vendor: string, method: string, url: string): string {
  return (
    `${call(vendor, method, url)} was redirected, and in a browser crm-kit cannot see where to, so it did not follow ` +
    `the redirect (credentials could reach another host). Set baseUrl to the URL the API answers on.`
  );
}

/** What stopped a walk, as PaginationError reports it. */
export function paginationMessage(init: PaginationErrorInit): string {
  const stopped = (where: string) => `${prefix()}Pagination stopped${init.page === undefined ? "" : ` ${where} page ${init.page}`}: `;
  if (init.field !== undefined) {
    return (
      `${stopped("at")}the page's ${init.field} must be ${init.expected ?? "present"}, got ${describeValue(init.got)}. The page does ` +
      `not match the API's documented schema, so where the list ends is unknown; report the response to the vendor.`
    );
  }
  if (init.maxPages !== undefined) {
    return (
      `${stopped("after")}it reached maxPages (${init.maxPages}) and the API still named a next page. Either the list is longer ` +
      `(pass a larger maxPages, or a limit) or the API never ends it.`
    );
  }
  return (
    `${stopped("after")}the next cursor ${JSON.stringify(truncate(init.cursor ?? "", 100))} was already used, so continuing would ` +
    `loop forever. Either the API repeated itself or the page strategy's next() does not advance.`
  );
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing (the field is missing)";
  if (value === null) return "null";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`;
}

// What to say when the vendor says nothing.
const DEFAULT_TEXT: Record<number, string> = {
  400: "invalid request",
  401: "credentials rejected",
  403: "permission denied",
  404: "not found",
  409: "conflict with the resource's current state",
  422: "validation failed",
  429: "rate limited",
};

/** The redacted facts an ApiError's message quotes; the rest (status, method, vendor) comes from its init. */
export interface ApiMessageFacts {
  url: string;
  body: unknown;
  headers: Record<string, string>;
  parsed: ParsedVendorError;
  requestId: string | undefined;
}

/** An ApiError's one-line message: vendor, method, path, status, the vendor's explanation, tags and what to do. */
export function apiMessage(init: ApiErrorInit, f: ApiMessageFacts): string {
  const { status, statusText } = init;
  const { parsed } = f;
  const detail = parsed.message
    ? truncate(oneLine(parsed.message), 300)
    : typeof f.body === "string" && f.body.trim() !== ""
      ? describeTextBody(f.body, f.headers["content-type"])
      : (DEFAULT_TEXT[status] ?? (status >= 500 ? "server error" : "request failed"));
  const tags = [parsed.code && `code ${parsed.code}`, parsed.param && `param ${parsed.param}`, f.requestId && `request id ${f.requestId}`]
    .filter(Boolean)
    .join(", ");
  return (
    `${call(init.vendor?.name, init.method, f.url)} returned ${status}${statusText ? ` ${statusText}` : ""}: ${detail}` +
    `${tags ? ` [${tags}]` : ""}${apiHint(status, init.headers, init.url)}`
  );
}

/** What to do about a non-2xx response, starting with ". ": for a 401, a 429, a 5xx or a redirect not followed; "" otherwise. */
function apiHint(status: number, headers: Headers | Record<string, string>, url: string): string {
  if (status === 401) return ". Check the API key or login credentials given to the client.";
  if (status === 429) {
    const waitMs = reportedRetryAfterMs(headers);
    if (waitMs === undefined) return ". Slow down and retry later.";
    return waitMs >= MAX_REPORTED_WAIT_MS
      ? ". The server asked to wait more than 24 h (Retry-After is capped at 24 h)."
      : `. Retry after ${Math.ceil(waitMs / 1000)} s.`;
  }
  if (status >= 500) return ". Retrying later may succeed.";
  const redirect = unfollowedRedirect(status, headers, url);
  return redirect ? redirectMessage(redirect) : "";
}

/** Why a 3xx was not followed, as the end of an ApiError's message. */
function redirectMessage(redirect: UnfollowedRedirect): string {
  switch (redirect.kind) {
    case "invalid":
      return ". The API redirected to an invalid Location, which crm-kit did not follow.";
    case "credentials":
      return (
        `. The API redirected to a URL with credentials in it, which crm-kit did not follow; the API or a proxy in front ` +
        `of it is misconfigured.`
      );
    case "cross-origin":
      return (
        `. The API redirected to another origin (${redirect.target}) and crm-kit did not follow it, so credentials are not ` +
        `sent there; if the API moved, set baseUrl to its new address.`
      );
    case "limit":
      return `. crm-kit did not follow this redirect within ${redirect.origin} (it follows at most ${redirect.max} per attempt).`;
  }
}

// A non-JSON error body is usually a proxy's HTML page: name it by its <title> rather than dumping markup.
function describeTextBody(text: string, contentType: string | undefined): string {
  const isHtml = contentType?.includes("html") === true || /^\s*</.test(text);
  if (isHtml) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    return `non-JSON response (HTML page${title ? ` "${truncate(oneLine(title), 100)}"` : ""})`;
  }
  return `non-JSON response: ${JSON.stringify(truncate(oneLine(text), 200))}`;
}

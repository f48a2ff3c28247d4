/**
 * What crm-kit's errors say. Every message starts with one prefix, `crm-kit (<vendor>): ` when the vendor is known
 * and `crm-kit: ` otherwise, then names what was wrong, where, and what to do. The error classes only store facts;
 * the sentences are built here from facts already redacted.
 */

import { MAX_REPORTED_WAIT_MS, reportedRetryAfterMs } from "./backoff.js";
import type { PaginationErrorInit } from "./errors.js";
import { type UnfollowedRedirect, unfollowedRedirect } from "./redirect.js";
import { isIdempotent } from "./retry-policy.js";
import type { ParsedVendorError } from "./vendor.js";

/** The start of every crm-kit message: "crm-kit (folk): ", or "crm-kit: " where no vendor is known. */
export function prefix(vendor?: string): string {
  return vendor === undefined ? "crm-kit: " : `crm-kit (${vendor}): `;
}

/** The path of a URL for messages: short, and free of query strings that may hold personal data. */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** "crm-kit (folk): GET /v1/companies/c1": who made which call. `url` is already redacted. */
function call(vendor: string | undefined, method: string, url: string): string {
  return `${prefix(vendor)}${method} ${pathOf(url)}`;
}

/** A ConnectionError's or TimeoutError's message. */
export function networkMessage(
  init: { vendor: string; method: string; attempt: number; code?: string | undefined; timeoutMs?: number },
  url: string,
): string {
  const attempts = `${init.attempt} attempt${init.attempt === 1 ? "" : "s"}`;
  const notRetried = init.attempt === 1 && !isIdempotent(init.method);
  if (init.timeoutMs !== undefined) {
    const why = notRetried ? ` (a ${init.method} is not retried after a timeout: the server may already have applied it)` : "";
    return (
      `${call(init.vendor, init.method, url)} timed out after ${init.timeoutMs} ms on each of ${attempts}${why}. ` +
      `Raise timeoutMs (a client option, or client.withOptions({ timeoutMs }) for one call) if the operation is slow.`
    );
  }
  let origin = url;
  try {
    origin = new URL(url).origin;
  } catch {
    // Keep the whole (redacted) URL when it does not parse.
  }
  const why =
    notRetried && init.code !== "ECONNREFUSED" ? ` (a ${init.method} is not retried once sent: the server may have applied it)` : "";
  return (
    `${call(init.vendor, init.method, url)} could not complete: connection to ${origin} failed` +
    `${init.code ? ` (${init.code})` : ""} after ${attempts}${why}. Check network access to the API and the baseUrl option.`
  );
}

/** A ResponseParseError's message. */
export function parseMessage(
  init: { vendor: string; method: string; status: number; text: string; contentType: string | null },
  url: string,
): string {
  return (
    `${call(init.vendor, init.method, url)} returned ${init.status} but the body is not valid JSON ` +
    `(${init.contentType ?? "no content type"}, ${init.text.length} characters). The raw text is in error.text; ` +
    `the API or a proxy in front of it sent something other than the documented response.`
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
  const stopped = `${prefix()}Pagination stopped`;
  const at = init.page === undefined ? stopped : `${stopped} at page ${init.page}`;
  const after = init.page === undefined ? stopped : `${stopped} after page ${init.page}`;
  if (init.field !== undefined) {
    return (
      `${at}: the page's ${init.field} must be ${init.expected ?? "present"}, got ${describeValue(init.got)}. The page does ` +
      `not match the API's documented schema, so where the list ends is unknown; report the response to the vendor.`
    );
  }
  if (init.maxPages !== undefined) {
    return (
      `${after}: it reached maxPages (${init.maxPages}) and the API still named a next page. Either the list is longer ` +
      `(pass a larger maxPages, or a limit) or the API never ends it.`
    );
  }
  return (
    `${after}: the next cursor ${JSON.stringify(truncate(init.cursor ?? "", 100))} was already used, so continuing would ` +
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
  400: "the request was rejected as invalid",
  401: "the credentials were rejected",
  403: "the credentials may not perform this operation",
  404: "not found",
  409: "the request conflicts with the resource's current state",
  422: "the request content failed validation",
  429: "rate limited",
};

/** The facts an ApiError's message is built from, all redacted. */
export interface ApiMessageFacts {
  vendor: string | undefined;
  method: string;
  url: string;
  status: number;
  statusText?: string | undefined;
  body: unknown;
  headers: Record<string, string>;
  parsed: ParsedVendorError;
  requestId: string | undefined;
  /** What to do, starting with ". " (the 401, 429, 5xx or redirect hint), or "". */
  hint: string;
}

/** An ApiError's one-line message: vendor, method, path, status, the vendor's explanation, tags and a hint. */
export function apiMessage(f: ApiMessageFacts): string {
  const status = `${f.status}${f.statusText ? ` ${f.statusText}` : ""}`;
  const head = `${call(f.vendor, f.method, f.url)} returned ${status}`;
  const detail = f.parsed.message
    ? truncate(oneLine(f.parsed.message), 300)
    : typeof f.body === "string" && f.body.trim() !== ""
      ? describeTextBody(f.body, f.headers["content-type"])
      : (DEFAULT_TEXT[f.status] ?? (f.status >= 500 ? "the server failed" : "the request failed"));
  const tags = [
    f.parsed.code && `code ${f.parsed.code}`,
    f.parsed.param && `param ${f.parsed.param}`,
    f.requestId && `request id ${f.requestId}`,
  ].filter(Boolean);
  return `${head}: ${detail}${tags.length > 0 ? ` [${tags.join(", ")}]` : ""}${f.hint}`;
}

/** What to do about a non-2xx response, starting with ". ": for a 401, a 429, a 5xx or a redirect not followed; "" otherwise. */
export function apiHint(status: number, headers: Headers | Record<string, string>, url: string): string {
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
        `. The API redirected to a URL with credentials in it, which crm-kit did not follow (they are not shown here); ` +
        `the API or a proxy in front of it is misconfigured.`
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
    return title ? `non-JSON response (HTML page "${truncate(oneLine(title), 100)}")` : "non-JSON response (HTML page)";
  }
  return `non-JSON response: ${JSON.stringify(truncate(oneLine(text), 200))}`;
}

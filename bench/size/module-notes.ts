/**
 * Why each module of the runtime stays in every vendor bundle, as the "what each module costs" table of
 * bench/RESULTS.md quotes it. Keyed by the table's row: a path from the repository root, or a package's name.
 * Every src/core module that reaches a bundle needs a note (test/bench/module-costs.test.ts checks it).
 */
export const MODULE_NOTES: Readonly<Record<string, string>> = {
  "openapi-fetch": "its URL, path, query and body serializers and header merging (its types cost nothing)",
  "src/core/messages.ts": "the sentence of every error and what to do next; most texts are asserted by tests",
  "src/core/transport.ts": "attempts, retries, 401 renewal, same-origin redirects, logging",
  "src/core/attempt-signal.ts": "per-attempt timeout and caller abort that settle every wait (auth, fetch, body read)",
  "src/core/options.ts": "checks every client and per-call option where it is passed, so a typo fails there, not on a request",
  "src/core/client.ts": "the client object: one function per method, use()/eject(), withOptions() sharing auth and transport",
  "src/core/call.ts":
    "one call: per-call checks, the request built with openapi-fetch's helpers, the result shaped as openapi-fetch shapes it",
  "src/core/middleware.ts": "openapi-fetch's middleware contract (onRequest, onError, onResponse), run only when a call has middleware",
  "src/core/redact.ts": "every encoded form of a secret (JSON, percent, base64 at three alignments)",
  "src/core/paginate.ts": "lazy page walks with limit, maxPages and a repeated-cursor guard; page-field checks",
  "src/core/api-error.ts": "one class per status (400-429, 5xx), redacted fields, the vendor's error body mapped",
  "src/core/errors.ts": "connection, timeout, parse and pagination errors; class names that survive minification",
  "src/core/base-url.ts": "refuses a relative base URL, credentials or a query in it, and plain http to a remote host",
  "src/core/retry-policy.ts": "what is retried per method: a POST the server may have applied is never sent twice",
  "src/core/redirect.ts": "follows redirects itself, same origin only, so a secret header never reaches another host",
  "src/core/backoff.ts": "full-jitter backoff; Retry-After (seconds or date) and X-RateLimit-Reset in three units",
  "src/core/path.ts": "refuses missing, empty and dot-segment path parameters that would re-target the request",
  "src/core/headers.ts": "refuses CR, LF and NUL in header values (header injection) without quoting the value",
  "src/core/auth.ts": "bearer auth and the credential check whose errors describe a secret without quoting it",
  "src/core/session-auth.ts": "one shared login for concurrent calls, one renewal on 401, abandoned when every waiter gives up",
  "src/core/guarded-fetch.ts": "hands a hop to the platform fetch without a second Request; refuses a non-Response answer",
  "src/core/response-body.ts": "which bodies are read under the timeout, the Response rebuilt for middleware, unread bodies released",
  "src/core/unwrap.ts": "the throwing style: a 2xx result's data, or the ApiError subclass for the status",
  "src/core/call-record.ts": "the failed call filed under its Response, so unwrap() can name and redact it without the client",
  "src/core/log.ts": "a logger whose own failure never fails a request",
  "src/core/webhook-verification.ts": "reads a webhook delivery once (Request or raw body), its timestamp window and refusals",
  "src/core/pacing.ts":
    "keeps every span of the vendor's window within its limit, caps calls in flight, and pauses on the server's 429 or budget",
  "src/core/documented-limits.ts": "each vendor's published rate limits, the one list the pacing and the sandboxes read",
  "src/core/pace-options.ts": "the rateLimit and maxConcurrency options checked and turned into a pacer (none when off)",
  "src/core/platform-fetch.ts": "the default fetch, looked up per request so that a fetch patched later is used",
};

/** The note for a cost-table row, or "—" when it has none. */
export function moduleNote(module: string): string {
  return MODULE_NOTES[module] ?? "—";
}

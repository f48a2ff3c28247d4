/** Backoff tuning, all in milliseconds. */
export interface RetrySettings {
  /** Ceiling of the first backoff; doubles on each retry. */
  baseDelayMs: number;
  /** Largest backoff ceiling. */
  maxDelayMs: number;
  /** Longest single wait, including a server-requested one. */
  maxWaitMs: number;
}

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(maxDelayMs, baseDelayMs * 2^(retry-1))).
 * Full jitter spreads clients that failed together, so they do not retry together
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 */
export function backoffDelayMs(retry: number, settings: RetrySettings, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * How long the server asked us to wait, in ms, or undefined when it did not say.
 * `Retry-After` (seconds or an HTTP date, RFC 9110 §10.2.3) wins; `X-RateLimit-Reset` is read only on a 429
 * because many APIs send it on every response, where it describes the quota window rather than a request to wait.
 */
export function serverRequestedDelayMs(headers: Headers, status: number, now: number = Date.now()): number | undefined {
  const retryAfter = parseRetryAfterMs(headers.get("retry-after"), now);
  if (retryAfter !== undefined) return retryAfter;
  return status === 429 ? parseRateLimitResetMs(headers.get("x-ratelimit-reset"), now) : undefined;
}

/** Longest wait an error reports: beyond it a Retry-After (an HTTP date in year 9999, 400 digits of seconds) is nonsense. */
export const MAX_REPORTED_WAIT_MS = 86_400_000;

/** The wait a 429 asked for, as RateLimitError reports it: capped at MAX_REPORTED_WAIT_MS; undefined when not said. */
export function reportedRetryAfterMs(headers: Headers | Record<string, string>): number | undefined {
  const wait = serverRequestedDelayMs(headers instanceof Headers ? headers : new Headers(headers), 429);
  return wait === undefined ? undefined : Math.min(wait, MAX_REPORTED_WAIT_MS);
}

/** `Retry-After` in ms: delay-seconds ("120") or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  // Date.parse also accepts loose strings such as "5"; only consider values that look like a date.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * `X-RateLimit-Reset` in ms. Vendors disagree on its unit, so values above 1e12 are read as epoch
 * milliseconds, above 1e9 as epoch seconds, and anything smaller as seconds from now.
 */
export function parseRateLimitResetMs(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const number = Number(value.trim());
  if (!Number.isFinite(number) || number < 0) return undefined;
  if (number > 1e12) return Math.max(0, Math.ceil(number - now));
  if (number > 1e9) return Math.max(0, Math.ceil(number * 1000 - now));
  return Math.ceil(number * 1000);
}

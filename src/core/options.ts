import type { RetrySettings } from "./backoff.js";
import { validateBaseUrl } from "./base-url.js";
import { assertHeadersInit } from "./headers.js";
import type { LogEvent } from "./log.js";
import { prefix } from "./messages.js";
import { defaultFetch } from "./platform-fetch.js";
import type { RateLimitOption } from "./rate-limiter.js";
import type { Policy } from "./retry-policy.js";
import type { VendorDefinition } from "./vendor.js";

/** Backoff tuning; each field falls back to its default on its own. */
export interface RetryOptions {
  /** Ceiling of the first backoff in ms; doubles on each retry, with full jitter (default 500). */
  baseDelayMs?: number | undefined;
  /** Largest backoff ceiling in ms (default 8_000). */
  maxDelayMs?: number | undefined;
  /** Longest single wait in ms; when a server asks for longer (Retry-After), the error surfaces instead (default 60_000). */
  maxWaitMs?: number | undefined;
}

/** Options every vendor client accepts; vendor options extend this. */
export interface CommonClientOptions {
  /** API root; absolute, and https unless the host is loopback (defaults to the vendor's production URL). */
  baseUrl?: string | undefined;
  /** Custom fetch, e.g. for a proxy agent or tests (defaults to globalThis.fetch). */
  fetch?: ((input: Request) => Promise<Response>) | undefined;
  /** Retries after a retryable failure; 0 turns retries off (default 2). */
  maxRetries?: number | undefined;
  /**
   * Per-attempt timeout in ms; it covers waiting for a session login and, for JSON responses, reading the body
   * too (default 60_000). A login itself runs under the client's timeoutMs.
   */
  timeoutMs?: number | undefined;
  /** Backoff tuning (defaults: baseDelayMs 500, maxDelayMs 8_000, maxWaitMs 60_000). */
  retry?: RetryOptions | undefined;
  /** Receives redacted request, response, error, retry and renew events (default: none). */
  logger?: ((event: LogEvent) => void) | undefined;
  /** Extra headers on every request; values containing CR or LF are refused (default: none). */
  headers?: Record<string, string> | undefined;
  /**
   * How calls are paced so that the vendor never has to answer 429: `"documented"` (the default) keeps every span
   * of the vendor's window within its published limit; `{ limit, windowMs }` sets your own; `false` turns pacing
   * off; a limiter object (e.g. `redisRateLimiter` from `crm-kit/redis`) shares one budget between clients and
   * processes. The wait for a turn honours the call's `signal` and does not count against `timeoutMs`.
   */
  rateLimit?: RateLimitOption | undefined;
  /** Most attempts in flight at once; the others wait for a turn (default: no cap). */
  maxConcurrency?: number | undefined;
}

/** Policies that may be overridden for one call (`client.GET(path, { timeoutMs })`) or for some with `client.withOptions()`. */
export interface CallOverrides {
  /** Per-attempt timeout in ms, also bounding the wait for a login (defaults to the client's). */
  timeoutMs?: number | undefined;
  /** Retries after a retryable failure (defaults to the client's). */
  maxRetries?: number | undefined;
  /** Backoff tuning, merged over the client's (defaults to the client's). */
  retry?: RetryOptions | undefined;
}

/** Options after validation and defaults. */
export interface ResolvedOptions {
  baseUrl: string;
  fetch: (input: Request) => Promise<Response>;
  logger: ((event: LogEvent) => void) | undefined;
  headers: Record<string, string>;
  policy: Policy;
}

const DEFAULT_POLICY: Policy = {
  maxRetries: 2,
  timeoutMs: 60_000,
  retry: { baseDelayMs: 500, maxDelayMs: 8_000, maxWaitMs: 60_000 },
};

// setTimeout fires at once for delays above 2^31-1 ms, which would turn a "very long" timeout into an instant one.
const MAX_TIMER_MS = 2_147_483_647;

type Rule = readonly [test: (value: unknown) => boolean, what: string];

const isFunction = (value: unknown) => typeof value === "function";
const isObject = (value: unknown) => typeof value === "object" && value !== null;
const isTimerMs = (value: unknown) => typeof value === "number" && value >= 0 && value <= MAX_TIMER_MS;

// How openapi-fetch can read a body.
const PARSE_AS = ["json", "text", "blob", "arrayBuffer", "stream"];

/**
 * What each non-numeric option must be, for the client's options and a single call's alike: a test and the words
 * that follow "must be" when it fails. `undefined` always passes (the option is not set).
 */
const KINDS: Record<string, Rule> = {
  fetch: [isFunction, "a function (input: Request) => Promise<Response>"],
  logger: [isFunction, "a function receiving log events"],
  headers: [isObject, "an object of header names to string values"],
  signal: [
    (signal) =>
      signal === null || (isFunction((signal as AbortSignal).addEventListener) && typeof (signal as AbortSignal).aborted === "boolean"),
    "an AbortSignal, e.g. AbortSignal.timeout(5_000)",
  ],
  parseAs: [(value) => PARSE_AS.includes(value as string), `one of ${PARSE_AS.map((p) => `"${p}"`).join(", ")}`],
  middleware: [Array.isArray, "an array of middleware objects"],
  bodySerializer: [isFunction, "a function"],
  querySerializer: [(value) => isFunction(value) || isObject(value), "a function or an options object"],
};

// What each number of a policy must be.
const RETRIES: Rule = [(value) => Number.isInteger(value) && (value as number) >= 0, "a non-negative integer (0 turns retries off)"];
const TIMEOUT: Rule = [(value) => isTimerMs(value) && value !== 0, `a number of milliseconds between 1 and ${MAX_TIMER_MS}`];
const DELAY: Rule = [isTimerMs, "a non-negative finite number of milliseconds"];
const RETRY_KEYS = ["baseDelayMs", "maxDelayMs", "maxWaitMs"] as const;

function refuse(vendor: string, subject: string, what: string): never {
  throw new TypeError(`${prefix(vendor)}${subject} must be ${what}.`);
}

/** Checks the options named in `names` against KINDS; `subject` names an option in messages, e.g. "options.fetch". */
function checkKinds(options: Record<string, unknown>, names: string[], vendor: string, subject: (name: string) => string): void {
  for (const name of names) {
    const [test, what] = KINDS[name] as Rule;
    if (options[name] !== undefined && !test(options[name])) refuse(vendor, subject(name), what);
  }
}

/** Validates options at construction so that a typo fails where it was made, not on the first request. */
export function resolveOptions(vendor: VendorDefinition, options: CommonClientOptions): ResolvedOptions {
  const name = vendor.name;
  if (!isObject(options)) refuse(name, "client options", "an object");
  const baseUrl =
    options.baseUrl === undefined
      ? validateBaseUrl(vendor.defaultBaseUrl, name, "the vendor's defaultBaseUrl")
      : validateBaseUrl(options.baseUrl, name, "options.baseUrl");
  checkKinds(options as Record<string, unknown>, ["fetch", "logger", "headers"], name, (key) => `options.${key}`);
  assertHeadersInit(options.headers, "options.headers");
  return {
    baseUrl,
    fetch: options.fetch ?? defaultFetch,
    logger: options.logger,
    headers: { ...options.headers },
    policy: applyOverrides(DEFAULT_POLICY, options, name, "options"),
  };
}

// Options a single call cannot change: openapi-fetch would pass them on to fetch, which ignores them, or (a
// per-call pathSerializer or Request) drop them, since the client's own are used.
const CLIENT_ONLY: Record<string, string> = {
  logger: "set it on the client",
  pathSerializer: "the client's path serializer (which refuses empty and dot-segment values) is used for every call",
  Request: "the client builds its requests itself",
};

/**
 * Checks the options of one call as resolveOptions checks the client's: a per-call baseUrl passes the same rules
 * (https unless loopback, no credentials, query or fragment) and is returned normalised, a per-call fetch must be a
 * function, a signal an AbortSignal, parseAs, middleware and the serializers of the kinds openapi-fetch takes,
 * client-only options are refused rather than silently ignored, and the per-call policies (timeoutMs, maxRetries,
 * retry) are applied over `policy`. Headers are checked by the caller. `where` names the call in messages, e.g.
 * "GET /companies".
 */
export function checkCallOptions(
  init: Record<string, unknown>,
  vendor: string,
  where: string,
  policy: Policy,
): { baseUrl?: string; policy: Policy } {
  for (const [name, why] of Object.entries(CLIENT_ONLY)) {
    if (init[name] !== undefined) throw new TypeError(`${prefix(vendor)}${name} cannot be passed to ${where}: ${why}.`);
  }
  checkKinds(
    init,
    ["fetch", "signal", "parseAs", "middleware", "bodySerializer", "querySerializer"],
    vendor,
    (name) => `${name} of ${where}`,
  );
  const overridden =
    init.timeoutMs === undefined && init.maxRetries === undefined && init.retry === undefined
      ? policy
      : applyOverrides(policy, init as CallOverrides, vendor, where);
  return init.baseUrl === undefined
    ? { policy: overridden }
    : { baseUrl: validateBaseUrl(init.baseUrl, vendor, `baseUrl of ${where}`), policy: overridden };
}

/**
 * False for the usual call, which passes nothing but params, body and headers (checked where they are sent), so
 * that it skips checkCallOptions.
 */
export function hasCallOptions(init: Record<string, unknown>): boolean {
  for (const key in init) if (key !== "params" && key !== "body" && key !== "headers") return true;
  return false;
}

/** A policy with some fields overridden, each validated; `where` names the source in messages. */
export function applyOverrides(base: Policy, overrides: CallOverrides, vendor: string, where: string): Policy {
  if (!isObject(overrides)) refuse(vendor, where, "an object");
  const { retry = {} } = overrides;
  if (!isObject(retry)) refuse(vendor, `${where}.retry`, "an object");
  // An override left undefined keeps the base value; whatever results must pass its rule.
  const setting = (value: number | undefined, fallback: number, [test, what]: Rule, subject: string): number => {
    const result = value ?? fallback;
    if (!test(result))
      refuse(vendor, `${where}.${subject}`, `${what}; got ${typeof value === "string" ? JSON.stringify(value) : String(value)}`);
    return result;
  };
  return {
    maxRetries: setting(overrides.maxRetries, base.maxRetries, RETRIES, "maxRetries"),
    timeoutMs: setting(overrides.timeoutMs, base.timeoutMs, TIMEOUT, "timeoutMs"),
    retry: Object.fromEntries(
      RETRY_KEYS.map((key) => [key, setting(retry[key], base.retry[key], DELAY, `retry.${key}`)]),
    ) as unknown as RetrySettings,
  };
}

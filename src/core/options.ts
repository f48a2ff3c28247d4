import type { RetrySettings } from "./backoff.js";
import { validateBaseUrl } from "./base-url.js";
import { assertHeadersInit } from "./headers.js";
import type { LogEvent } from "./log.js";
import { prefix } from "./messages.js";
import { defaultFetch } from "./platform-fetch.js";
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
}

/** Policies that may be overridden for some calls with `client.withOptions()`. */
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

export const DEFAULT_POLICY: Policy = {
  maxRetries: 2,
  timeoutMs: 60_000,
  retry: { baseDelayMs: 500, maxDelayMs: 8_000, maxWaitMs: 60_000 },
};

// setTimeout fires at once for delays above 2^31-1 ms, which would turn a "very long" timeout into an instant one.
const MAX_TIMER_MS = 2_147_483_647;

/** Validates options at construction so that a typo fails where it was made, not on the first request. */
export function resolveOptions(vendor: VendorDefinition, options: CommonClientOptions): ResolvedOptions {
  const name = vendor.name;
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${prefix(name)}client options must be an object.`);
  }
  const baseUrl =
    options.baseUrl === undefined
      ? validateBaseUrl(vendor.defaultBaseUrl, name, "the vendor's defaultBaseUrl")
      : validateBaseUrl(options.baseUrl, name, "options.baseUrl");
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new TypeError(`${prefix(name)}options.fetch must be a function (input: Request) => Promise<Response>.`);
  }
  if (options.logger !== undefined && typeof options.logger !== "function") {
    throw new TypeError(`${prefix(name)}options.logger must be a function receiving log events.`);
  }
  if (options.headers !== undefined && (typeof options.headers !== "object" || options.headers === null)) {
    throw new TypeError(`${prefix(name)}options.headers must be an object of header names to string values.`);
  }
  assertHeadersInit(options.headers, "options.headers");
  return {
    baseUrl,
    fetch: options.fetch ?? defaultFetch,
    logger: options.logger,
    headers: { ...options.headers },
    policy: applyOverrides(DEFAULT_POLICY, options, name, "options"),
  };
}

// Client options that a single call cannot change: openapi-fetch would pass them on to fetch, which ignores them.
const CLIENT_ONLY = ["timeoutMs", "maxRetries", "retry", "logger"] as const;
// How openapi-fetch can read a body.
const PARSE_AS = ["json", "text", "blob", "arrayBuffer", "stream"];

/**
 * Checks the options of one call as resolveOptions checks the client's: a per-call baseUrl passes the same rules
 * (https unless loopback, no credentials, query or fragment) and is returned normalised, a per-call fetch must be a
 * function, a signal an AbortSignal, parseAs, middleware and the serializers of the kinds openapi-fetch takes, and
 * client-only options are refused rather than silently ignored. Headers are
 * checked by the caller. `where` names the call in messages, e.g. "GET /companies".
 */
export function checkCallOptions(init: Record<string, unknown>, vendor: string, where: string): { baseUrl?: string } {
  for (const name of CLIENT_ONLY) {
    if (init[name] !== undefined) {
      throw new TypeError(
        `${prefix(vendor)}${name} cannot be passed to ${where}; set it on the client, or for some calls with ` +
          `client.withOptions({ ${name} }).`,
      );
    }
  }
  if (init.fetch !== undefined && typeof init.fetch !== "function") {
    throw new TypeError(`${prefix(vendor)}fetch of ${where} must be a function (input: Request) => Promise<Response>.`);
  }
  const signal = init.signal as { aborted?: unknown; addEventListener?: unknown } | null | undefined;
  if (signal !== undefined && signal !== null && (typeof signal.addEventListener !== "function" || typeof signal.aborted !== "boolean")) {
    throw new TypeError(`${prefix(vendor)}signal of ${where} must be an AbortSignal, e.g. AbortSignal.timeout(5_000).`);
  }
  if (init.parseAs !== undefined && !PARSE_AS.includes(init.parseAs as string)) {
    throw new TypeError(`${prefix(vendor)}parseAs of ${where} must be one of ${PARSE_AS.map((p) => `"${p}"`).join(", ")}.`);
  }
  if (init.middleware !== undefined && !Array.isArray(init.middleware)) {
    throw new TypeError(`${prefix(vendor)}middleware of ${where} must be an array of middleware objects.`);
  }
  for (const name of ["bodySerializer", "querySerializer"] as const) {
    const value = init[name];
    const ok = typeof value === "function" || (name === "querySerializer" && typeof value === "object" && value !== null);
    if (value !== undefined && !ok) {
      throw new TypeError(
        `${prefix(vendor)}${name} of ${where} must be a function${name === "querySerializer" ? " or an options object" : ""}.`,
      );
    }
  }
  return init.baseUrl === undefined ? {} : { baseUrl: validateBaseUrl(init.baseUrl, vendor, `baseUrl of ${where}`) };
}

/** A policy with some fields overridden, each validated; `where` names the source in messages. */
export function applyOverrides(base: Policy, overrides: CallOverrides, vendor: string, where: string): Policy {
  if (typeof overrides !== "object" || overrides === null) {
    throw new TypeError(`${prefix(vendor)}${where} must be an object.`);
  }
  const { maxRetries, timeoutMs, retry = {} } = overrides;
  if (typeof retry !== "object" || retry === null) throw new TypeError(`${prefix(vendor)}${where}.retry must be an object.`);
  const settings: RetrySettings = {
    baseDelayMs: retry.baseDelayMs ?? base.retry.baseDelayMs,
    maxDelayMs: retry.maxDelayMs ?? base.retry.maxDelayMs,
    maxWaitMs: retry.maxWaitMs ?? base.retry.maxWaitMs,
  };
  const policy: Policy = {
    maxRetries: maxRetries ?? base.maxRetries,
    timeoutMs: timeoutMs ?? base.timeoutMs,
    retry: settings,
  };
  if (!Number.isInteger(policy.maxRetries) || policy.maxRetries < 0) {
    throw new TypeError(
      `${prefix(vendor)}${where}.maxRetries must be a non-negative integer (0 turns retries off); got ${show(maxRetries)}.`,
    );
  }
  if (typeof policy.timeoutMs !== "number" || !(policy.timeoutMs > 0 && policy.timeoutMs <= MAX_TIMER_MS)) {
    throw new TypeError(
      `${prefix(vendor)}${where}.timeoutMs must be a number of milliseconds between 1 and ${MAX_TIMER_MS}; got ${show(timeoutMs)}.`,
    );
  }
  for (const key of ["baseDelayMs", "maxDelayMs", "maxWaitMs"] as const) {
    const value = settings[key];
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > MAX_TIMER_MS) {
      throw new TypeError(
        `${prefix(vendor)}${where}.retry.${key} must be a non-negative finite number of milliseconds; got ${show(retry[key])}.`,
      );
    }
  }
  return policy;
}

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

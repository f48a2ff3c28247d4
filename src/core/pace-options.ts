import { type PaceRule, SANDBOX_RATE_LIMIT } from "./documented-limits.js";
import { prefix } from "./messages.js";
import { Pacer } from "./pacing.js";
import type { RateLimiter, RateLimitOption, RateLimitWindow } from "./rate-limiter.js";
import type { VendorDefinition } from "./vendor.js";

type SandboxLimits = "documented" | readonly PaceRule[];

// setTimeout fires at once above 2^31-1 ms.
const MAX_WINDOW_MS = 2_147_483_647;

const isPositiveInteger = (value: unknown, max = Number.MAX_SAFE_INTEGER): value is number =>
  Number.isInteger(value) && (value as number) > 0 && (value as number) <= max;

function isLimiter(value: unknown): value is RateLimiter {
  return typeof value === "object" && value !== null && typeof (value as RateLimiter).acquire === "function";
}

/**
 * The pacer a client's options ask for, or undefined when nothing is paced (`rateLimit: false` and no
 * maxConcurrency), so that such a client pays nothing for it. Bad options fail here, naming the option.
 */
export function createPacer(
  vendor: VendorDefinition,
  options: { rateLimit?: RateLimitOption | undefined; maxConcurrency?: number | undefined },
  fetch: unknown,
): Pacer | undefined {
  const { rateLimit = "documented", maxConcurrency } = options;
  if (maxConcurrency !== undefined && !isPositiveInteger(maxConcurrency)) {
    throw new TypeError(`${prefix(vendor.name)}options.maxConcurrency must be a positive integer; got ${String(maxConcurrency)}.`);
  }
  if (rateLimit === false) return maxConcurrency === undefined ? undefined : new Pacer({ rules: [], maxConcurrency });
  if (rateLimit === "documented") {
    const told = (fetch as { [SANDBOX_RATE_LIMIT]?: SandboxLimits } | undefined)?.[SANDBOX_RATE_LIMIT];
    const rules = told === undefined || told === "documented" ? (vendor.rateLimits ?? []) : told;
    return new Pacer({ rules, maxConcurrency });
  }
  if (isLimiter(rateLimit)) return new Pacer({ rules: [], maxConcurrency, limiter: rateLimit });
  if (typeof rateLimit === "object" && rateLimit !== null && !Array.isArray(rateLimit)) {
    const { limit, windowMs, ...extra } = rateLimit as unknown as Record<string, unknown>;
    const unknown = Object.keys(extra);
    if (unknown.length === 0 && isPositiveInteger(limit) && isPositiveInteger(windowMs, MAX_WINDOW_MS)) {
      return new Pacer({ rules: [{ limit, windowMs }], maxConcurrency });
    }
    const why =
      unknown.length > 0
        ? `; unknown key ${JSON.stringify(unknown[0])}`
        : `; got { limit: ${String(limit)}, windowMs: ${String(windowMs)} }`;
    throw new TypeError(
      `${prefix(vendor.name)}options.rateLimit must be { limit, windowMs } with a positive integer limit and windowMs (ms, at most ${MAX_WINDOW_MS})${why}.`,
    );
  }
  throw new TypeError(
    `${prefix(vendor.name)}options.rateLimit must be "documented", { limit, windowMs }, false, or a limiter with acquire(); got ${
      typeof rateLimit === "string" ? JSON.stringify(rateLimit) : typeof rateLimit
    }.`,
  );
}

/** `value` as a window, or a TypeError naming `subject` and what is wrong with it. */
function checkWindow(value: unknown, subject: string): RateLimitWindow {
  const { limit, windowMs, ...extra } = value as Record<string, unknown>;
  const unknown = Object.keys(extra);
  if (unknown.length === 0 && isPositiveInteger(limit) && isPositiveInteger(windowMs, MAX_WINDOW_MS)) return { limit, windowMs };
  const why =
    unknown.length > 0 ? `; unknown key ${JSON.stringify(unknown[0])}` : `; got { limit: ${String(limit)}, windowMs: ${String(windowMs)} }`;
  throw new TypeError(
    `${subject} must be { limit, windowMs } with a positive integer limit and windowMs (ms, at most ${MAX_WINDOW_MS})${why}.`,
  );
}

/**
 * A limiter to share between clients of one process (two clients on one key): pass it as each client's
 * `rateLimit`, and their calls together keep every span of `windowMs` within `limit`. Across processes, use
 * `redisRateLimiter` from `crm-kit/redis`.
 */
export function createRateLimiter(window: RateLimitWindow): RateLimiter {
  if (typeof window !== "object" || window === null) throw new TypeError("createRateLimiter: the argument must be { limit, windowMs }.");
  return new Pacer({ rules: [checkWindow(window, "createRateLimiter")] });
}

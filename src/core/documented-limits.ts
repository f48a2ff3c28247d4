/**
 * The rate limits each vendor publishes: the one list that both the clients' pacing (`rateLimit: "documented"`)
 * and the sandboxes' 429s (`rateLimit: "documented"`) read. Data only, importing nothing, so that the sandbox
 * entry can use it without loading any client code.
 */

/** A limit: at most `limit` calls in any span of `windowMs`, for every call or only the operations named. */
export interface PaceRule {
  /** Calls allowed in any span of `windowMs` (a positive integer). */
  limit: number;
  /** The window in ms (a positive integer). */
  windowMs: number;
  /** Only these operations, as "METHOD /path/template" (default: every call). */
  operations?: readonly string[] | undefined;
}

const MINUTE = 60_000;

/** Per API, what its vendor publishes (an API missing here publishes nothing). */
export const DOCUMENTED_RATE_LIMITS: Readonly<Record<string, readonly PaceRule[]>> = {
  // https://help.featurebase.app/articles/0285069-rate-limits: 2,000 a minute per API key (the 3,000 a minute
  // per workspace cannot be reached by one key first).
  featurebase: [{ limit: 2_000, windowMs: MINUTE }],
  // https://developer.folk.app/api-reference/rate-limits: 200 requests a minute per user.
  folk: [{ limit: 200, windowMs: MINUTE }],
  // https://docs.emnify.com/developers/api-guidelines/rate-limits: 2,000 requests per IP per 5 minutes, and 100
  // token exchanges per 5 minutes. The 10,000,000 a month per organisation is neither paced nor simulated.
  emnify: [
    { limit: 2_000, windowMs: 5 * MINUTE },
    { limit: 100, windowMs: 5 * MINUTE, operations: ["POST /api/v1/authenticate"] },
  ],
  // Kare publishes no limit: calls are not paced, and a 429's Retry-After (API Gateway throttling) pauses them.
  kare: [],
};

/**
 * What an in-process sandbox's `fetch` carries about its own limits: `"documented"` when it applies the vendor's
 * published ones, else the rules it applies (none when it has no `rateLimit`). A registered symbol, read by
 * the client's pacing (pace-options.ts).
 */
export const SANDBOX_RATE_LIMIT = Symbol.for("crm-kit.sandbox.rateLimit");

/**
 * The contract between a client and what paces its calls. A client asks for a turn before every attempt it
 * sends (after its auth is ready, so that a login never waits behind the calls that wait for it) and hands the
 * turn back when the attempt ended. The in-process limiter (pacing.ts) and `redisRateLimiter` (crm-kit/redis)
 * both implement it; so can an app's own.
 */

/** What an attempt tells the limiter when it asks for a turn. */
export interface RateLimitTicket {
  /** The operation as "METHOD /path/template", e.g. "POST /api/v1/authenticate", for limits on one operation. */
  readonly operation: string;
  /** The caller's signal: aborting it ends the wait with the signal's reason, and no turn is taken. */
  readonly signal?: AbortSignal | undefined;
}

/** How an attempt ended, for the limiter to learn from. */
export interface RateLimitOutcome {
  /** The response's status, or undefined when none arrived (a timeout, a connection failure, an abort). */
  readonly status: number | undefined;
  /** The response's headers (X-RateLimit-Remaining/-Reset, Retry-After), or undefined when none arrived. */
  readonly headers: Headers | undefined;
}

/** A turn: the attempt may be sent. */
export interface RateLimitPermit {
  /** How long the attempt waited for this turn, in ms (0 when it did not wait). */
  readonly waitedMs: number;
  /**
   * Hands the turn back once the attempt ended (its response arrived, or it failed): the call keeps counting in
   * the window from this moment, which is when the vendor has surely counted it. Later calls do nothing.
   */
  release(outcome: RateLimitOutcome): void;
}

/** Paces calls: `acquire` resolves when the call may go, or rejects with the signal's reason when aborted. */
export interface RateLimiter {
  acquire(ticket: RateLimitTicket): Promise<RateLimitPermit>;
}

/** A limit: at most `limit` calls in any span of `windowMs`. */
export interface RateLimitWindow {
  /** Calls allowed in any span of `windowMs` (a positive integer). */
  limit: number;
  /** The window in ms (a positive integer). */
  windowMs: number;
}

/**
 * How a client paces its calls: `"documented"` to the vendor's published limits (the default), a window of your
 * own, `false` for no pacing, or a limiter object shared with other clients or processes (`redisRateLimiter`).
 */
export type RateLimitOption = "documented" | RateLimitWindow | false | RateLimiter;

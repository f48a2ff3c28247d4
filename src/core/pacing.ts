/**
 * The in-process pacer: it keeps every span of a window within its limit (a sliding log, so that whatever window
 * the vendor counts in, fixed or sliding, it is never exceeded), caps the attempts in flight, and learns from the
 * vendor's answers (X-RateLimit-Remaining/-Reset narrow the budget when another process or app spends the same key;
 * a 429 pauses every call until the server's Retry-After). An external limiter (`redisRateLimiter`) is asked after
 * the pacer's own turn, so the server's answers still narrow and pause the calls of this process.
 */
import { whenAborted } from "./attempt-signal.js";
import { parseRateLimitResetMs, serverRequestedDelayMs } from "./backoff.js";
import type { PaceRule } from "./documented-limits.js";
import type { RateLimiter, RateLimitOutcome, RateLimitPermit, RateLimitTicket } from "./rate-limiter.js";

export interface PacerConfig {
  /** Windows kept in process. */
  rules: readonly PaceRule[];
  /** Most attempts in flight at once (default: no cap). */
  maxConcurrency?: number | undefined;
  /** A limiter asked after the pacer's own turn (shared across processes). */
  limiter?: RateLimiter | undefined;
}

/** How long every call pauses after a 429 that says nothing about when to come back [assumed: one second]. */
export const PAUSE_AFTER_BARE_429_MS = 1_000;
/** A server's reset further away than this is not believed; the wait is cut to it (a bogus header must not stall a sync). */
const MAX_SERVER_WAIT_MS = 15 * 60_000;

/** One rule's state: calls in flight, and the release times of the finished ones still inside the window. */
interface Window {
  rule: PaceRule;
  /** Applies to every call. */
  general: boolean;
  inFlight: number;
  /** Release times (monotonic ms), oldest first. */
  ends: number[];
  /** Index of the oldest end still inside the window (the array is compacted now and then). */
  head: number;
}

interface Waiter {
  ticket: RateLimitTicket;
  windows: Window[];
  since: number;
  resolve(permit: OwnPermit): void;
  reject(reason: unknown): void;
  stop: (() => void) | undefined;
  done: boolean;
}

/** A turn of the pacer's own, which can also be handed back unused (the request was never sent). */
interface OwnPermit extends RateLimitPermit {
  cancel(): void;
}

const clock = (): number => performance.now();

/** The calls `w` counts at `now` (in flight, or answered less than a window ago); forgets the older ones. */
function countNow(w: Window, now: number): number {
  while (w.head < w.ends.length && (w.ends[w.head] as number) + w.rule.windowMs <= now) w.head += 1;
  if (w.head > 1_024 && w.head * 2 > w.ends.length) {
    w.ends.splice(0, w.head);
    w.head = 0;
  }
  return w.inFlight + w.ends.length - w.head;
}

export class Pacer implements RateLimiter {
  private readonly windows: Window[];
  private readonly maxConcurrency: number;
  private readonly limiter: RateLimiter | undefined;
  private readonly byOperation = new Map<string, Window[]>();
  private active = 0;
  /** No call goes before this (monotonic ms): set by a 429. */
  private pausedUntil = 0;
  /** What the server said is left until its reset, less what this process sent since. */
  private narrowed: { remaining: number; until: number } | undefined;
  private readonly queue: Waiter[] = [];
  private queueHead = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Number.POSITIVE_INFINITY;

  constructor(config: PacerConfig) {
    this.windows = config.rules.map((rule) => ({ rule, general: rule.operations === undefined, inFlight: 0, ends: [], head: 0 }));
    this.maxConcurrency = config.maxConcurrency ?? Number.POSITIVE_INFINITY;
    this.limiter = config.limiter;
  }

  /** A turn at once when one is free and nobody waits; undefined otherwise (then `acquire` waits for one). */
  tryAcquire(ticket: RateLimitTicket): OwnPermit | undefined {
    if (this.limiter !== undefined || this.queue.length > this.queueHead) return undefined;
    const windows = this.windowsOf(ticket.operation);
    const now = clock();
    return this.blockedAt(windows, now) === undefined ? this.grant(windows, 0) : undefined;
  }

  async acquire(ticket: RateLimitTicket): Promise<RateLimitPermit> {
    ticket.signal?.throwIfAborted();
    const since = clock();
    const own = this.tryAcquire(ticket) ?? (await this.enqueue(ticket, since));
    if (this.limiter === undefined) return own;
    let shared: RateLimitPermit;
    try {
      shared = await this.limiter.acquire(ticket);
    } catch (error) {
      // Not sent: the turn is handed back without counting as a call.
      own.cancel();
      throw error;
    }
    return {
      waitedMs: Math.round(clock() - since),
      release: (outcome) => {
        shared.release(outcome);
        own.release(outcome);
      },
    };
  }

  private windowsOf(operation: string): Window[] {
    let windows = this.byOperation.get(operation);
    if (windows === undefined) {
      windows = this.windows.filter((w) => w.general || (w.rule.operations as readonly string[]).includes(operation));
      // Bounded by the operations of one API (paths are templates), so the cache cannot grow without end.
      if (this.byOperation.size < 1_000) this.byOperation.set(operation, windows);
    }
    return windows;
  }

  /**
   * Undefined when a call over `windows` may go now; otherwise when it may next be worth looking (monotonic ms),
   * Infinity when only a release can free a turn.
   */
  private blockedAt(windows: Window[], now: number): number | undefined {
    let at: number | undefined;
    const later = (t: number) => {
      at = at === undefined ? t : Math.max(at, t);
    };
    if (now < this.pausedUntil) later(this.pausedUntil);
    if (this.narrowed !== undefined) {
      if (now >= this.narrowed.until) this.narrowed = undefined;
      else if (this.narrowed.remaining <= 0) later(this.narrowed.until);
    }
    if (this.active >= this.maxConcurrency) later(Number.POSITIVE_INFINITY);
    for (const w of windows) {
      const counted = countNow(w, now);
      const { limit, windowMs } = w.rule;
      if (counted < limit) continue;
      // The call that frees a turn is the (counted - limit + 1)-th oldest finished one, if that many finished.
      const freeing = w.head + (counted - limit);
      later(freeing < w.ends.length ? (w.ends[freeing] as number) + windowMs : Number.POSITIVE_INFINITY);
    }
    return at;
  }

  private grant(windows: Window[], waitedMs: number): OwnPermit {
    for (const w of windows) w.inFlight += 1;
    this.active += 1;
    if (this.narrowed !== undefined) this.narrowed.remaining -= 1;
    let released = false;
    const end = (outcome: RateLimitOutcome | undefined) => {
      if (released) return;
      released = true;
      const now = clock();
      this.active -= 1;
      for (const w of windows) {
        w.inFlight -= 1;
        if (outcome !== undefined) w.ends.push(now);
      }
      if (outcome !== undefined) this.learn(outcome, now);
      this.pump();
    };
    return { waitedMs, release: end, cancel: () => end(undefined) };
  }

  /** What the server's answer says about the budget: a 429 pauses everyone; Remaining/Reset may narrow it. */
  private learn({ status, headers }: RateLimitOutcome, now: number): void {
    if (headers === undefined) return;
    if (status === 429) {
      const wait = Math.min(serverRequestedDelayMs(headers, 429) ?? PAUSE_AFTER_BARE_429_MS, MAX_SERVER_WAIT_MS);
      this.pausedUntil = Math.max(this.pausedUntil, now + wait);
      return;
    }
    const remainingHeader = headers.get("x-ratelimit-remaining");
    if (remainingHeader === null) return;
    const remaining = Number(remainingHeader.trim());
    const resetMs = parseRateLimitResetMs(headers.get("x-ratelimit-reset"));
    if (!Number.isInteger(remaining) || remaining < 0 || resetMs === undefined) return;
    // Calls still in flight may not have been counted in that figure yet: take them off it.
    const left = remaining - this.active;
    const until = now + Math.min(resetMs, MAX_SERVER_WAIT_MS);
    if (left >= this.localRoom(now)) return;
    if (this.narrowed === undefined || until > this.narrowed.until + 1_000) this.narrowed = { remaining: left, until };
    else this.narrowed.remaining = Math.min(this.narrowed.remaining, left);
  }

  /** Calls the general windows still allow now. */
  private localRoom(now: number): number {
    let room = Number.POSITIVE_INFINITY;
    for (const w of this.windows) if (w.general) room = Math.min(room, w.rule.limit - countNow(w, now));
    return room;
  }

  private enqueue(ticket: RateLimitTicket, since: number): Promise<OwnPermit> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { ticket, windows: this.windowsOf(ticket.operation), since, resolve, reject, stop: undefined, done: false };
      const { signal } = ticket;
      if (signal !== undefined) {
        waiter.stop = whenAborted(signal, () => {
          if (waiter.done) return;
          waiter.done = true;
          reject(signal.reason);
          // A waiter that leaves may unblock the ones behind it (an operation's own limit held it, not theirs).
          this.pump();
        });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  /**
   * Grants turns in arrival order. A waiter held by what holds every call (the concurrency cap, a pause, the
   * server's budget, a window over every call) stops the scan, so that a queue of 100,000 costs O(1) per turn;
   * one held by its operation's own window is stepped over.
   */
  private pump(): void {
    const now = clock();
    let wakeAt = Number.POSITIVE_INFINITY;
    for (let i = this.queueHead; i < this.queue.length; i += 1) {
      const waiter = this.queue[i] as Waiter;
      if (waiter.done) {
        if (i === this.queueHead) this.queueHead += 1;
        continue;
      }
      const at = this.blockedAt(waiter.windows, now);
      if (at === undefined) {
        waiter.done = true;
        waiter.stop?.();
        if (i === this.queueHead) this.queueHead += 1;
        waiter.resolve(this.grant(waiter.windows, Math.round(now - waiter.since)));
        continue;
      }
      wakeAt = Math.min(wakeAt, at);
      if (this.heldByAll(waiter.windows, now)) break;
    }
    if (this.queueHead > 1_024 && this.queueHead * 2 > this.queue.length) {
      this.queue.splice(0, this.queueHead);
      this.queueHead = 0;
    }
    this.schedule(this.queue.length > this.queueHead ? wakeAt : Number.POSITIVE_INFINITY, now);
  }

  /** Whether what holds this waiter holds every call too (then nobody behind it can go either). */
  private heldByAll(windows: Window[], now: number): boolean {
    if (now < this.pausedUntil || this.active >= this.maxConcurrency) return true;
    if (this.narrowed !== undefined && this.narrowed.remaining <= 0) return true;
    return windows.some((w) => w.general && countNow(w, now) >= w.rule.limit);
  }

  /** One timer, for the earliest moment a turn may free up without a release. */
  private schedule(at: number, now: number): void {
    if (at === this.timerAt) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = at;
    if (at === Number.POSITIVE_INFINITY) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.pump();
      },
      Math.max(0, Math.ceil(at - now)),
    );
  }
}

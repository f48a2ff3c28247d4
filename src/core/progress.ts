/**
 * Progress of long work (a sync of thousands of records): counts what finished, and what the clients went
 * through on the way (waits for the rate limit, 429s, retries), read from their log events. Framework-neutral:
 * a progress bar, a log line or a metrics exporter consumes the same `Progress`.
 */
import type { LogEvent } from "./log.js";

/** Where a long job stands; every figure counts from `trackProgress()`. */
export interface Progress {
  /** Tracked work that succeeded. */
  readonly done: number;
  /** Tracked work that failed: it rejected, or resolved to an openapi-fetch result with an `error`. */
  readonly failed: number;
  /** How much work there is, when known (the `total` option). */
  readonly total: number | undefined;
  /** Time since `trackProgress()`, in ms. */
  readonly elapsedMs: number;
  /** Work finished (done + failed) per second over the last `rateWindowMs`, so that it shows the current pace. */
  readonly rate: number;
  /** Time left at the current rate, in ms: known when `total` is, and the rate is not 0 (0 once all is finished). */
  readonly etaMs: number | undefined;
  /** Attempts that waited for their turn under a client's rateLimit or maxConcurrency ("wait" log events). */
  readonly waits: number;
  /** Total time those attempts waited, in ms (they wait side by side, so this can exceed elapsedMs). */
  readonly waitedMs: number;
  /** Responses with status 429 (the vendor's rate limit was hit). */
  readonly rateLimited: number;
  /** Attempts retried after a failure ("retry" log events). */
  readonly retries: number;
  /** True on the event `finish()` sends, the last one. */
  readonly finished: boolean;
}

/** The options of `trackProgress`. */
export interface ProgressOptions {
  /** How much work there is, to compute `etaMs` (default: unknown). */
  total?: number | undefined;
  /** Receives the `Progress` at most once per `intervalMs` while the figures change, and a last one from `finish()` (default: none). */
  onProgress?: ((event: Progress) => void) | undefined;
  /** Least time between two `onProgress` events, in ms (default 250). */
  intervalMs?: number | undefined;
  /** Span the `rate` is measured over, in ms; under a rate limit, the limit's window gives a steady figure (default 10_000). */
  rateWindowMs?: number | undefined;
  /** Your own logger: every log event the tracker's `logger` receives is passed on to it (default: none). */
  logger?: ((event: LogEvent) => void) | undefined;
}

/** Counts work as it finishes; pass its `logger` to the clients that do the work. */
export interface ProgressTracker {
  /** Give it as the `logger` option of each client doing the work: it counts waits, 429s and retries, then forwards the event. */
  readonly logger: (event: LogEvent) => void;
  /** Counts `work` as done or failed when it settles, and returns it unchanged (same value, same rejection). */
  track<T>(work: PromiseLike<T>): Promise<T>;
  /** Sets or changes the total, e.g. once a listing has shown how much work there is; checked like the option. */
  setTotal(total: number | undefined): void;
  /** The figures now; after `finish()`, its event. */
  snapshot(): Progress;
  /** Stops the throttle's timer and sends the last event (`finished: true`) to `onProgress`; returns it. Later calls return the same event. */
  finish(): Progress;
}

const DEFAULT_INTERVAL_MS = 250;
const DEFAULT_RATE_WINDOW_MS = 10_000;
// The rate window is kept as this many buckets of counts, so memory stays flat however fast work finishes; the
// figure is then exact to within one bucket (5 % of the window).
const BUCKETS_PER_WINDOW = 20;
const MAX_TIMER_MS = 2_147_483_647;

function refuse(subject: string, what: string, value: unknown): never {
  const got = typeof value === "string" ? JSON.stringify(value) : String(value);
  throw new TypeError(`trackProgress: ${subject} must be ${what}; got ${got}.`);
}

const MS = `a number of milliseconds between 1 and ${MAX_TIMER_MS}`;
const isMs = (value: unknown) => typeof value === "number" && value > 0 && value <= MAX_TIMER_MS;
const isFunction = (value: unknown) => typeof value === "function";

/** Each option's test and the words that follow "must be" when it fails; `undefined` always passes. */
const RULES: { [Name in keyof Required<ProgressOptions>]: [(value: unknown) => boolean, string] } = {
  total: [(value) => Number.isSafeInteger(value) && (value as number) >= 0, "a non-negative integer"],
  onProgress: [isFunction, "a function receiving progress events"],
  intervalMs: [isMs, MS],
  rateWindowMs: [isMs, MS],
  logger: [isFunction, "a function receiving log events"],
};

function checkOptions(options: ProgressOptions): void {
  if (typeof options !== "object" || options === null) refuse("options", "an object", options);
  const unknown = Object.keys(options).filter((name) => !Object.hasOwn(RULES, name));
  if (unknown.length > 0)
    throw new TypeError(
      `trackProgress: unknown option ${unknown.map((n) => `"${n}"`).join(", ")} (valid: ${Object.keys(RULES).join(", ")}).`,
    );
  for (const [name, [test, what]] of Object.entries(RULES)) {
    const value = (options as Record<string, unknown>)[name];
    if (value !== undefined && !test(value)) refuse(`options.${name}`, what, value);
  }
}

/** openapi-fetch resolves an HTTP error as `{ error, response }` instead of rejecting: that is a failure too. */
function isErrorResult(value: unknown): boolean {
  if (typeof value !== "object" || value === null || !("response" in value) || !("error" in value)) return false;
  const { response, error } = value as { response: unknown; error: unknown };
  return error !== undefined && typeof Response !== "undefined" && response instanceof Response && !response.ok;
}

/**
 * Tracks long work: wrap each piece in `track()`, give `logger` to the clients, and read `snapshot()` or receive
 * `onProgress` events; call `finish()` at the end for the last event. No timer runs while the figures do not
 * change, and the one that throttles events neither keeps a Node.js process alive nor outlives `finish()`. An
 * `onProgress` that throws is ignored, so that reporting can never fail the work it reports on.
 *
 *   const progress = trackProgress({ total: rows.length, onProgress: (p) => bar.update(p.done) });
 *   const folk = createFolkClient({ apiKey, logger: progress.logger });
 *   await Promise.all(rows.map((row) => progress.track(unwrap(folk.POST("/v1/companies", { body: row })))));
 *   console.log(progress.finish());
 */
export function trackProgress(options: ProgressOptions = {}): ProgressTracker {
  checkOptions(options);
  const { onProgress, logger: forward } = options;
  let total = options.total;
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const rateWindowMs = options.rateWindowMs ?? DEFAULT_RATE_WINDOW_MS;
  const bucketMs = rateWindowMs / BUCKETS_PER_WINDOW;
  const started = performance.now();
  const counts = { done: 0, failed: 0, waits: 0, waitedMs: 0, rateLimited: 0, retries: 0 };
  // [bucket number, work finished in it], oldest first; buckets older than the window are dropped.
  const buckets: Array<[number, number]> = [];
  let lastSent = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: Progress | undefined;

  const dropOld = (now: number) => {
    const oldest = Math.floor((now - rateWindowMs) / bucketMs);
    while (buckets.length > 0 && (buckets[0] as [number, number])[0] <= oldest) buckets.shift();
  };

  const snapshot = (finished = false): Progress => {
    const now = performance.now();
    const elapsedMs = now - started;
    dropOld(now);
    let recent = 0;
    for (const [, count] of buckets) recent += count;
    // Early on, the window reaches back before the start: divide by the time there was.
    const span = Math.min(rateWindowMs, elapsedMs);
    const rate = span > 0 ? (recent * 1_000) / span : 0;
    const left = total === undefined ? undefined : Math.max(0, total - counts.done - counts.failed);
    const etaMs = left === undefined ? undefined : left === 0 ? 0 : rate > 0 ? Math.round((left / rate) * 1_000) : undefined;
    return { ...counts, total, elapsedMs: Math.round(elapsedMs), rate, etaMs, finished };
  };

  const send = (event: Progress) => {
    lastSent = performance.now();
    try {
      onProgress?.(event);
    } catch {
      // Deliberately ignored: a broken progress display must not fail the work it reports on.
    }
  };

  // At once when the last event is intervalMs old, else once at the end of the interval (with the figures then).
  const changed = () => {
    if (!onProgress || last || timer !== undefined) return;
    const due = lastSent + intervalMs - performance.now();
    if (due <= 0) return send(snapshot());
    timer = setTimeout(() => {
      timer = undefined;
      if (!last) send(snapshot());
    }, due);
    (timer as { unref?: () => void }).unref?.();
  };

  const settled = (key: "done" | "failed") => {
    counts[key] += 1;
    const bucket = Math.floor(performance.now() / bucketMs);
    const newest = buckets[buckets.length - 1];
    if (newest && newest[0] === bucket) newest[1] += 1;
    else buckets.push([bucket, 1]);
    changed();
  };

  return {
    logger(event) {
      if (event.type === "wait" && event.waitedMs > 0) {
        counts.waits += 1;
        counts.waitedMs += event.waitedMs;
        changed();
      } else if (event.type === "response" && event.status === 429) {
        counts.rateLimited += 1;
        changed();
      } else if (event.type === "retry") {
        counts.retries += 1;
        changed();
      }
      forward?.(event);
    },
    track(work) {
      return Promise.resolve(work).then(
        (value) => {
          settled(isErrorResult(value) ? "failed" : "done");
          return value;
        },
        (error: unknown) => {
          settled("failed");
          throw error;
        },
      );
    },
    setTotal(value) {
      checkOptions({ total: value });
      total = value;
      changed();
    },
    snapshot: () => last ?? snapshot(),
    finish() {
      if (last) return last;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      last = snapshot(true);
      send(last);
      return last;
    },
  };
}

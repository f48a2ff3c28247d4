/** The abort reason of an attempt's own timeout, told apart from a caller's (even a caller's AbortSignal.timeout). */
export class AttemptTimeout extends DOMException {
  constructor(timeoutMs: number) {
    super(`attempt timed out after ${timeoutMs} ms`, "TimeoutError");
  }
}

// One decoder for every body: decode() without { stream: true } keeps no state between calls.
const utf8 = new TextDecoder();

/**
 * One attempt's deadline. It ends when the caller aborts or when `timeoutMs` elapses, and remembers which, because
 * the two must surface differently (a caller abort as itself and never retried, a timeout as TimeoutError).
 *
 * Every wait of an attempt (the auth, the fetch, the body) runs through `wait()` or `readText()`, one at a time;
 * ending the attempt settles that wait at once. The signal also rides on the request, so that the platform fetch can
 * close the connection, but nothing relies on it to end a wait: a garbage collection can cut the link between a
 * Request's signal and the request in flight. The caller's signal is followed through whenAborted(), so one
 * AbortController shared by thousands of concurrent calls carries one listener, and none once they are done.
 */
export class AttemptTimer {
  private readonly controller = new AbortController();
  private readonly stopFollowing: (() => void) | undefined;
  /** When the attempt times out, on the monotonic performance.now() clock (which fake timers move too). */
  readonly deadline: number;
  private readonly timeoutMs: number;
  private timedOut = false;
  private ended = false;
  private reason: unknown;
  /** Ends the wait in progress with the abort reason. */
  private interrupt: ((reason: unknown) => void) | undefined;

  constructor(timeoutMs: number, callerSignal?: AbortSignal) {
    this.timeoutMs = timeoutMs;
    this.deadline = performance.now() + timeoutMs;
    deadlines.add(this);
    if (callerSignal === undefined) return;
    if (callerSignal.aborted) this.end(callerSignal.reason);
    else this.stopFollowing = whenAborted(callerSignal, () => this.end(callerSignal.reason));
  }

  /** Aborts when the attempt ends: given to fetch and to auth strategies. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True once the timeout fired (even if the caller also aborted). */
  get fired(): boolean {
    return this.timedOut;
  }

  /** Stops the timer and lets go of the caller's signal; safe to call more than once. */
  clear(): void {
    deadlines.delete(this);
    this.stopFollowing?.();
  }

  /** Called by the deadline clock once `deadline` has passed. */
  expire(): void {
    this.timedOut = true;
    this.end(new AttemptTimeout(this.timeoutMs));
  }

  /**
   * Settles with `promise`, or rejects with the abort reason as soon as the attempt ends. A value that arrives
   * after that is handed to `onLate` (to release a response's body).
   */
  wait<T>(promise: Promise<T>, onLate?: (value: T) => void): Promise<T> {
    if (this.ended) {
      // Still observed, so that its own rejection is not reported as unhandled.
      promise.then(onLate, () => undefined);
      return Promise.reject(this.reason);
    }
    return new Promise<T>((resolve, reject) => {
      this.interrupt = reject;
      promise.then(
        (value) => {
          if (this.interrupt !== reject) return onLate?.(value);
          this.interrupt = undefined;
          resolve(value);
        },
        (error: unknown) => {
          if (this.interrupt === reject) this.interrupt = undefined;
          reject(error);
        },
      );
    });
  }

  /**
   * The body as text, read chunk by chunk until the attempt ends: then the stream is cancelled (which also
   * releases the connection) and the read rejects with the abort reason at once, whether or not the body ever
   * moves again.
   */
  async readText(response: Response): Promise<string> {
    const body = response.body;
    if (body === null) {
      if (this.ended) throw this.reason;
      return "";
    }
    return utf8.decode(await this.readAll(body));
  }

  /** A stream's bytes, read under the attempt's timer as readText() reads a body. */
  async readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
    if (this.ended) {
      stream.cancel(this.reason).catch(() => undefined);
      throw this.reason;
    }
    const reader = stream.getReader();
    // Cancelling settles a pending read() at once (done: true); the cancellation itself may take longer.
    this.interrupt = (reason) => void reader.cancel(reason).catch(() => undefined);
    const chunks: Uint8Array[] = [];
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (this.ended) throw this.reason;
        if (done) return concat(chunks);
        chunks.push(value);
      }
    } finally {
      // The lock is kept: releasing it builds a TypeError for the reader's closed promise, and nothing reads on.
      this.interrupt = undefined;
    }
  }

  private end(reason: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.reason = reason;
    this.controller.abort(reason);
    const interrupt = this.interrupt;
    this.interrupt = undefined;
    interrupt?.(reason);
  }
}

/**
 * The deadlines of the attempts in flight, watched by one timer armed for the earliest. An attempt only joins and
 * leaves a set: a timer per attempt would cost a timer list made and dropped per call (calls one after another
 * each leave the list of their duration empty). The timer is re-armed when an earlier deadline joins, or when the
 * global setTimeout changed since it was armed (fake timers in tests), and is not kept when no attempt is in flight.
 */
class DeadlineClock {
  private readonly attempts = new Set<AttemptTimer>();
  private armed:
    | { at: number; handle: ReturnType<typeof setTimeout>; setTimer: typeof setTimeout; clearTimer: typeof clearTimeout }
    | undefined;

  add(attempt: AttemptTimer): void {
    this.attempts.add(attempt);
    const armed = this.armed;
    if (armed === undefined || attempt.deadline < armed.at || armed.setTimer !== globalThis.setTimeout) this.arm(attempt.deadline);
    else if (this.attempts.size === 1) refTimer(armed.handle, true);
  }

  delete(attempt: AttemptTimer): void {
    // With no attempt in flight the timer stays armed but no longer keeps the process alive.
    if (this.attempts.delete(attempt) && this.attempts.size === 0 && this.armed !== undefined) refTimer(this.armed.handle, false);
  }

  private arm(at: number, now = performance.now()): void {
    const armed = this.armed;
    if (armed !== undefined) armed.clearTimer(armed.handle);
    const setTimer = globalThis.setTimeout;
    const handle = setTimer(() => this.fire(at), Math.max(0, at - now));
    this.armed = { at, handle, setTimer, clearTimer: globalThis.clearTimeout };
  }

  private fire(at: number): void {
    this.armed = undefined;
    // The timer is trusted for the deadline it was armed for, even when the clock disagrees: a test may fake
    // setTimeout but not performance.now().
    const now = Math.max(performance.now(), at);
    const expired: AttemptTimer[] = [];
    let next = Number.POSITIVE_INFINITY;
    for (const attempt of this.attempts) {
      if (attempt.deadline <= now) expired.push(attempt);
      else next = Math.min(next, attempt.deadline);
    }
    if (next !== Number.POSITIVE_INFINITY) this.arm(next, now);
    // Earliest first, as separate timers would fire, even when a busy event loop let several deadlines pass.
    for (const attempt of expired.sort((a, b) => a.deadline - b.deadline)) {
      this.attempts.delete(attempt);
      attempt.expire();
    }
  }
}

const deadlines = new DeadlineClock();

/** Node's timers can stop keeping the process alive; a browser's (a number) cannot, and need not. */
function refTimer(handle: ReturnType<typeof setTimeout>, keepAlive: boolean): void {
  const timer = handle as { ref?: () => void; unref?: () => void };
  if (keepAlive) timer.ref?.();
  else timer.unref?.();
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const whole = new Uint8Array(chunks.reduce((length, chunk) => length + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

/** Waits `ms`, rejecting with the signal's reason as soon as the caller aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal === undefined) {
      setTimeout(resolve, ms);
      return;
    }
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const stop = whenAborted(signal, () => {
      clearTimeout(handle);
      reject(signal.reason);
    });
    const handle = setTimeout(() => {
      stop();
      resolve();
    }, ms);
  });
}

/** The callbacks waiting on one caller signal, and the one listener that runs them. */
interface Followers {
  callbacks: Set<() => void>;
  listener: () => void;
}
const followed = new WeakMap<AbortSignal, Followers>();

/**
 * Runs `callback` when `signal` aborts; returns a function that stops waiting. However many calls wait on one
 * signal at once, it carries a single abort listener, removed when the last of them stops waiting: Node warns of a
 * leak past 10 listeners, and a signal shared by a whole sync would otherwise collect one per call in flight.
 */
export function whenAborted(signal: AbortSignal, callback: () => void): () => void {
  let followers = followed.get(signal);
  if (followers === undefined) {
    const callbacks = new Set<() => void>();
    const listener = (): void => {
      followed.delete(signal);
      for (const run of callbacks) run();
    };
    followers = { callbacks, listener };
    followed.set(signal, followers);
    signal.addEventListener("abort", listener, { once: true });
  }
  const { callbacks, listener } = followers;
  // Each call gets its own function, so that a callback passed twice is still stopped once per registration.
  const entry = (): void => callback();
  callbacks.add(entry);
  return () => {
    if (!callbacks.delete(entry) || callbacks.size > 0 || followed.get(signal) !== followers) return;
    followed.delete(signal);
    signal.removeEventListener("abort", listener);
  };
}

/** The abort reason of an attempt's own timeout, told apart from a caller's (even a caller's AbortSignal.timeout). */
export class AttemptTimeout extends DOMException {
  constructor(timeoutMs: number) {
    super(`attempt timed out after ${timeoutMs} ms`, "TimeoutError");
  }
}

/**
 * One attempt's abort signal: fires when the caller aborts or when `timeoutMs` elapses, and remembers which,
 * because the two must surface differently (a caller abort as itself and never retried, a timeout as TimeoutError).
 *
 * The caller's signal is followed through whenAborted(), so that one AbortController shared by thousands of
 * concurrent calls (a whole sync) carries one listener, and none once they are done. The timer owns its controller, so nothing that the
 * garbage collector may take (a Request's derived signal) stands between the timer and whoever waits on it.
 */
export class AttemptTimer {
  /** Aborts on caller abort or timeout; every wait of the attempt is raced against it. */
  readonly signal: AbortSignal;
  private timedOut = false;
  private readonly handle: ReturnType<typeof setTimeout>;
  private readonly stopFollowing: (() => void) | undefined;

  constructor(timeoutMs: number, callerSignal?: AbortSignal) {
    const controller = new AbortController();
    this.signal = controller.signal;
    this.handle = setTimeout(() => {
      this.timedOut = true;
      controller.abort(new AttemptTimeout(timeoutMs));
    }, timeoutMs);
    if (callerSignal === undefined) return;
    if (callerSignal.aborted) {
      controller.abort(callerSignal.reason);
      return;
    }
    this.stopFollowing = whenAborted(callerSignal, () => controller.abort(callerSignal.reason));
  }

  /** True once the timeout fired (even if the caller also aborted). */
  get fired(): boolean {
    return this.timedOut;
  }

  /** Stops the timer and lets go of the caller's signal; safe to call more than once. */
  clear(): void {
    clearTimeout(this.handle);
    this.stopFollowing?.();
  }
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

/**
 * Settles with `promise`, or rejects with the signal's reason once it aborts. Every wait on the network is raced
 * this way: neither a custom fetch that ignores its signal nor the platform fetch, whose link from a Request's
 * signal to the request in flight a garbage collection can cut, may hold a call past its timeout or abort.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * One attempt's abort signal: fires when the caller aborts or when `timeoutMs` elapses, and remembers which,
 * because the two must surface differently (a caller abort as itself and never retried, a timeout as TimeoutError).
 */
/** The abort reason of an attempt's own timeout, told apart from a caller's (even a caller's AbortSignal.timeout). */
export class AttemptTimeout extends DOMException {
  constructor(timeoutMs: number) {
    super(`attempt timed out after ${timeoutMs} ms`, "TimeoutError");
  }
}

export class AttemptTimer {
  /** Pass to fetch: aborts on caller abort or timeout. */
  readonly signal: AbortSignal;
  private timedOut = false;
  private readonly handle: ReturnType<typeof setTimeout>;

  /** `callerSignal` is combined in only when given: AbortSignal.any costs more than the rest of the timer. */
  constructor(timeoutMs: number, callerSignal?: AbortSignal) {
    const controller = new AbortController();
    this.handle = setTimeout(() => {
      this.timedOut = true;
      controller.abort(new AttemptTimeout(timeoutMs));
    }, timeoutMs);
    this.signal = callerSignal ? anySignal([callerSignal, controller.signal]) : controller.signal;
  }

  /** True once the timeout fired (even if the caller also aborted). */
  get fired(): boolean {
    return this.timedOut;
  }

  /** Stops the timer; safe to call more than once. */
  clear(): void {
    clearTimeout(this.handle);
  }
}

/** AbortSignal.any (Node ≥ 20.3), with a listener-based fallback for Node 20.0–20.2. */
export function anySignal(signals: AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === "function") return AbortSignal.any(signals);
  const controller = new AbortController();
  const onAbort = (event: Event): void => {
    for (const signal of signals) signal.removeEventListener("abort", onAbort);
    controller.abort((event.target as AbortSignal).reason);
  };
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener("abort", onAbort, { once: true });
  }
  return controller.signal;
}

/** Waits `ms`, rejecting with the signal's reason as soon as the caller aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(handle);
      reject(signal.reason);
    };
    const handle = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Settles with `promise`, or rejects with the signal's reason once it aborts. Guards against a custom fetch (or a
 * Response body) that ignores its signal, which would otherwise make timeouts and aborts hang forever.
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

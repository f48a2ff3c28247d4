import { AttemptTimeout } from "./attempt-signal.js";
import type { AuthStrategy } from "./auth.js";
import { prefix } from "./messages.js";

/** How to obtain and use a session (emnify's token exchange, Kare's login). */
export interface SessionAuthConfig<T> {
  /**
   * Performs the exchange, typically by calling the vendor's own login operation; may throw. Pass `signal` to
   * that call: it aborts when every call waiting for this login was aborted by its caller. A call whose attempt
   * timed out keeps it running (bounded by the login request's own timeout), since its retry will want it.
   */
  login(context: { signal: AbortSignal }): Promise<T>;
  /** Writes the request headers from the session, e.g. `Authorization: Bearer <token>`. */
  apply(session: T, headers: Headers): void;
  /** Secrets to redact: the session's tokens and the long-lived credential (which is all there is before login). */
  secrets(session: T | undefined): string[];
  /** A session that is already valid: no login until a 401 (default: log in on the first request). */
  initial?: T | undefined;
}

/** A session auth strategy; `invalidate()` forces a fresh login on the next request. */
export type SessionAuth = AuthStrategy & {
  /** Forgets the current session, e.g. after logging out. */
  invalidate(): void;
};

/** One login in progress and the calls waiting for it. */
interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  /** Waiting calls that can give up (they passed a signal). */
  waiting: number;
  /** True once a call waits without a signal: it never gives up, so the login is never aborted. */
  patient: boolean;
}

// Secrets of replaced sessions stay redacted, because a late error or log line may still quote them: a response
// to a request sent with the previous token, say. The last 16 sessions cover every call still in flight at any
// realistic renewal rate; keeping all of them would grow without bound and slow down every redaction.
const RETIRED_SESSIONS = 16;

/**
 * Session auth with lazy login, single-flight and one renewal on 401. Concurrent calls share one login
 * (a burst of 10 requests must not log in 10 times, which some vendors rate-limit or treat as an attack), and
 * a 401 for a session that another call already replaced reuses the new session instead of logging in again.
 *
 * A call waits for the shared login only as long as its own signal and attempt timeout allow. When the last
 * waiting call gives up, the login is aborted, so that no request outlives every call that wanted it (and keeps a
 * script from exiting); the next call starts a fresh one.
 */
export function sessionAuth<T>(config: SessionAuthConfig<T>): SessionAuth {
  let session: T | undefined = config.initial;
  let hasSession = config.initial !== undefined;
  let flight: Flight<T> | undefined;
  let generation = 0;
  // Which session generation each request's headers were written from, to recognise a 401 for a stale session.
  const usedGeneration = new WeakMap<Headers, number>();
  // The secrets of the last RETIRED_SESSIONS sessions, newest first.
  const retired: string[][] = [];
  let retiredSecrets: string[] = [];

  const retire = (): void => {
    if (!hasSession) return;
    retired.unshift(config.secrets(session));
    retired.length = Math.min(retired.length, RETIRED_SESSIONS);
    retiredSecrets = [...new Set(retired.flat())];
  };

  const start = (): Flight<T> => {
    const controller = new AbortController();
    const promise = Promise.resolve()
      .then(() => config.login({ signal: controller.signal }))
      .then((fresh) => {
        // A login that finished although it was abandoned is not used: a newer one may already be running.
        controller.signal.throwIfAborted();
        retire();
        session = fresh;
        hasSession = true;
        generation += 1;
        return fresh;
      })
      .finally(() => {
        if (flight === started) flight = undefined;
      });
    // Every waiter may have given up, leaving no one to observe a failed login.
    promise.catch(() => undefined);
    const started: Flight<T> = { promise, controller, waiting: 0, patient: false };
    return started;
  };

  /** The shared login's session, or a rejection with `signal`'s reason as soon as it aborts. */
  const login = (signal: AbortSignal | undefined): Promise<T> => {
    signal?.throwIfAborted();
    flight ??= start();
    const current = flight;
    if (signal === undefined) {
      current.patient = true;
      return current.promise;
    }
    current.waiting += 1;
    return new Promise<T>((resolve, reject) => {
      let waiting = true;
      const leave = (): void => {
        waiting = false;
        current.waiting -= 1;
        signal.removeEventListener("abort", giveUp);
      };
      const giveUp = (): void => {
        if (!waiting) return;
        leave();
        // A call whose attempt timed out is retried and will want this very login; only callers that
        // aborted leave nobody behind. (The login itself runs under the client's own timeout.)
        if (signal.reason instanceof AttemptTimeout) current.patient = true;
        reject(signal.reason);
        if (current.waiting === 0 && !current.patient && flight === current) {
          flight = undefined;
          current.controller.abort(new DOMException(`${prefix()}every call waiting for this login gave up`, "AbortError"));
        }
      };
      signal.addEventListener("abort", giveUp, { once: true });
      current.promise.then(
        (value) => {
          if (!waiting) return;
          leave();
          resolve(value);
        },
        (error: unknown) => {
          if (!waiting) return;
          leave();
          reject(error);
        },
      );
    });
  };

  return {
    async authorize(headers, context) {
      const current = hasSession ? (session as T) : await login(context?.signal);
      config.apply(current, headers);
      usedGeneration.set(headers, generation);
    },
    async renew(rejected, context) {
      const used = rejected === undefined ? undefined : usedGeneration.get(rejected);
      if (!flight && hasSession && used !== undefined && used !== generation) return true;
      await login(context?.signal);
      return true;
    },
    secrets: () => [...config.secrets(hasSession ? session : undefined), ...retiredSecrets],
    invalidate() {
      retire();
      hasSession = false;
      session = undefined;
    },
  };
}

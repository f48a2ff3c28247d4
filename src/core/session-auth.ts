import { AttemptTimeout } from "./attempt-signal.js";
import type { AuthContext, AuthStrategy, LoginClient } from "./auth.js";
import { CrmKitError } from "./errors.js";
import { prefix } from "./messages.js";
import { unwrap } from "./unwrap.js";

/**
 * The vendor's login operation. sessionAuth makes this call itself, through the client it authenticates (so it
 * gets the same timeouts, retries, typed errors and redaction), and sends it, when anyone calls it, with the login's
 * own headers only: it never waits for a session and is never renewed on a 401.
 */
export interface LoginOperation<T> {
  /** HTTP method, e.g. "POST". */
  method: string;
  /** The operation's path as written in the spec, e.g. "/api/v1/authenticate". */
  path: string;
  /** The request body of a login. */
  body: unknown;
  /** The session in the login's 2xx data; throws a CrmKitError naming what is missing when there is none. */
  read(data: unknown): T;
  /** Headers the login itself carries (default: none). */
  apply?(headers: Headers): void;
}

/** How to obtain and use a session (emnify's token exchange, Kare's login). */
export interface SessionAuthConfig<T> {
  /**
   * The vendor's login operation, which sessionAuth calls itself. It is aborted when every call waiting for it was
   * aborted by its caller; a call whose attempt timed out keeps it running (bounded by the login request's own
   * timeout), since its retry will want it.
   */
  login: LoginOperation<T>;
  /** Writes the request headers from the session, e.g. `Authorization: Bearer <token>`. */
  apply(session: T, headers: Headers): void;
  /** Secrets to redact: the session's tokens and the long-lived credential (which is all there is before login). */
  secrets(session: T | undefined): string[];
  /** A session that is already valid: no login until a 401 (default: log in on the first request). */
  initial?: T | undefined;
  /** Whether a 401 triggers a fresh login (default true; false for ready tokens that cannot be renewed). */
  renewable?: boolean | undefined;
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
  let client: LoginClient | undefined;
  const operation = config.login;
  const method = operation.method.toUpperCase();
  const isLogin = (context: AuthContext | undefined): boolean =>
    context !== undefined && context.method === method && context.path === operation.path;

  const logIn = async (signal: AbortSignal): Promise<T> => {
    if (!client) throw new CrmKitError(`${prefix()}sessionAuth has no client to log in through; pass it to createCrmClient.`);
    return operation.read(await unwrap(client.request(method, operation.path, { body: operation.body, signal })));
  };

  const retire = (): void => {
    if (!hasSession) return;
    retired.unshift(config.secrets(session));
    retired.length = Math.min(retired.length, RETIRED_SESSIONS);
    retiredSecrets = [...new Set(retired.flat())];
  };

  const start = (): Flight<T> => {
    const controller = new AbortController();
    const promise = Promise.resolve()
      .then(() => logIn(controller.signal))
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

  const write = (current: T, headers: Headers): void => {
    config.apply(current, headers);
    usedGeneration.set(headers, generation);
  };

  const strategy: SessionAuth = {
    authorize(headers, context) {
      if (isLogin(context)) return operation.apply?.(headers);
      // With a session at hand no promise is made: the transport then sends at once.
      if (hasSession) return write(session as T, headers);
      return login(context?.signal).then((current) => write(current, headers));
    },
    secrets: () => [...config.secrets(hasSession ? session : undefined), ...retiredSecrets],
    attach(attached) {
      client = attached;
    },
    invalidate() {
      retire();
      hasSession = false;
      session = undefined;
    },
  };
  if (config.renewable !== false) {
    strategy.renew = async (rejected, context) => {
      if (isLogin(context)) return false;
      const used = rejected === undefined ? undefined : usedGeneration.get(rejected);
      if (!flight && hasSession && used !== undefined && used !== generation) return true;
      await login(context?.signal);
      return true;
    };
  }
  return strategy;
}

import type { AuthStrategy } from "./auth.js";

/** How to obtain and use a session (emnify's token exchange, Kare's login). */
export interface SessionAuthConfig<T> {
  /** Performs the exchange, typically by calling the vendor's own login operation; may throw. */
  login(): Promise<T>;
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

/**
 * Session auth with lazy login, single-flight and one renewal on 401. Concurrent calls share one login
 * (a burst of 10 requests must not log in 10 times, which some vendors rate-limit or treat as an attack), and
 * a 401 for a session that another call already replaced reuses the new session instead of logging in again.
 */
export function sessionAuth<T>(config: SessionAuthConfig<T>): SessionAuth {
  let session: T | undefined = config.initial;
  let hasSession = config.initial !== undefined;
  let pending: Promise<T> | undefined;
  let generation = 0;
  // Which session generation each request's headers were written from, to recognise a 401 for a stale session.
  const usedGeneration = new WeakMap<Headers, number>();
  // Tokens of replaced sessions stay redacted: a late error or log line may still quote them.
  const retired = new Set<string>();

  const login = (): Promise<T> => {
    pending ??= Promise.resolve()
      .then(() => config.login())
      .then((fresh) => {
        if (hasSession) for (const secret of config.secrets(session)) retired.add(secret);
        session = fresh;
        hasSession = true;
        generation += 1;
        return fresh;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  return {
    async authorize(headers) {
      const current = hasSession ? (session as T) : await login();
      config.apply(current, headers);
      usedGeneration.set(headers, generation);
    },
    async renew(rejected) {
      const used = rejected === undefined ? undefined : usedGeneration.get(rejected);
      if (!pending && hasSession && used !== undefined && used !== generation) return true;
      await login();
      return true;
    },
    secrets: () => [...config.secrets(hasSession ? session : undefined), ...retired],
    invalidate() {
      if (hasSession) for (const secret of config.secrets(session)) retired.add(secret);
      hasSession = false;
      session = undefined;
    },
  };
}

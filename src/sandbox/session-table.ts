/**
 * Tokens a sandbox issued and when each expires, on the sandbox's clock: emnify's auth_tokens, Kare's
 * sessions. An expired token is remembered, so that it can be told apart from one never issued.
 */
import { issueJwt } from "./jwt.js";

export type TokenState = "valid" | "expired" | "unknown";

export class SessionTable {
  readonly #expiresAt = new Map<string, number>();
  readonly #now: () => number;
  readonly #ttlMs: number;
  #issued = 0;

  constructor(now: () => number, ttlMs: number) {
    this.#now = now;
    this.#ttlMs = ttlMs;
  }

  /** A new JWT with these claims plus `iat`, `exp` (epoch seconds, rounded down so it never outlives the sandbox's own expiry) and `jti`. */
  issue(claims: Readonly<Record<string, unknown>>): string {
    const now = this.#now();
    const expiresAt = now + this.#ttlMs;
    this.#issued += 1;
    const token = issueJwt({ ...claims, iat: Math.floor(now / 1000), exp: Math.floor(expiresAt / 1000), jti: String(this.#issued) });
    this.#expiresAt.set(token, expiresAt);
    return token;
  }

  /** Whether the token is one this table issued, and still within its lifetime. */
  check(token: string | undefined): TokenState {
    const expiresAt = token === undefined ? undefined : this.#expiresAt.get(token);
    if (expiresAt === undefined) return "unknown";
    return this.#now() < expiresAt ? "valid" : "expired";
  }
}

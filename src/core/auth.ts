import { prefix } from "./messages.js";
/** The request a strategy authorises, and when to stop waiting for it. */
export interface AuthContext {
  /**
   * Aborts when the caller aborts or the attempt's timeout elapses. A strategy that waits (for a login) must stop
   * waiting then; the transport stops waiting for it anyway.
   */
  readonly signal: AbortSignal;
  /** HTTP method, e.g. "POST". */
  readonly method: string;
  /** Absolute request URL. */
  readonly url: string;
  /** The operation's path as the caller named it, e.g. "/api/v1/authenticate" (a template for templated paths). */
  readonly path?: string | undefined;
}

/** How a client authenticates. Static API keys and session logins both fit. */
export interface AuthStrategy {
  /**
   * Adds credentials to the outgoing request headers (may await a lazy login). Called once per attempt, within
   * the attempt's timeout; the transport always passes `context`.
   */
  authorize(headers: Headers, context?: AuthContext): Promise<void> | void;
  /**
   * Called when a response is 401. Return true if credentials were renewed and the request should be re-sent
   * once (not counted as a retry). `rejected` are the headers that were refused, so a strategy can tell that
   * another call already renewed them; `context` bounds the wait as in `authorize`. Optional: without it a 401
   * surfaces at once.
   */
  renew?(rejected?: Headers, context?: AuthContext): Promise<boolean>;
  /** Current secret values to scrub from every message and log line (API key, tokens, password). */
  secrets(): string[];
  /**
   * Called once by createCrmClient with the client this strategy authenticates, for a strategy that makes calls
   * of its own through it (sessionAuth's login). Optional.
   */
  attach?(client: LoginClient): void;
}

/** What a strategy may call on its client: openapi-fetch's `request`, untyped (a login names its own path and body). */
export interface LoginClient {
  request(method: string, path: string, init?: Record<string, unknown>): Promise<{ data?: unknown; error?: unknown; response: Response }>;
}

/**
 * Static bearer auth for API keys: validates the key and sends `Authorization: Bearer <key>`.
 * @param optionName the option the key came from, named in the TypeError (default "apiKey").
 */
export function bearerAuth(apiKey: unknown, optionName = "apiKey"): AuthStrategy {
  const key = assertSecret(apiKey, optionName);
  return {
    authorize(headers) {
      headers.set("Authorization", `Bearer ${key}`);
    },
    secrets: () => [key],
  };
}

/** Shortest secret accepted: a shorter one would be "redacted" inside ordinary words of every message. */
export const MIN_SECRET_LENGTH = 8;

/**
 * Checks a credential option and returns it. Messages describe the value's type and length, never the value,
 * because a wrongly passed secret is still a secret. `minLength` is for values checked the same way that are not
 * secrets (an email address).
 */
export function assertSecret(value: unknown, optionName: string, minLength: number = MIN_SECRET_LENGTH): string {
  if (typeof value !== "string" || value.trim() === "") {
    const got = typeof value === "string" ? "an empty string" : value === null ? "null" : typeof value;
    throw new TypeError(
      `${prefix()}options.${optionName} must be a non-empty string, got ${got}. Pass the credential from the vendor's ` +
        `settings, e.g. { ${optionName}: process.env.MY_${optionName.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()} }.`,
    );
  }
  if (/[\r\n\0]/.test(value)) {
    throw new TypeError(
      `${prefix()}options.${optionName} contains a line break; it cannot be sent in a header. ` +
        `Trim it (a key read from a file often ends with a newline).`,
    );
  }
  if (value.trim().length < minLength) {
    throw new TypeError(
      `${prefix()}options.${optionName} must be at least ${minLength} characters (got ${value.trim().length}); a shorter ` +
        `credential cannot be told apart from ordinary text when it is redacted. Check that the whole credential was passed.`,
    );
  }
  return value;
}

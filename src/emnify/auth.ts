/**
 * emnify's token exchange (https://docs.emnify.com/developers/auth/application-tokens): the long-lived
 * application token buys a JWT `auth_token` from `POST /api/v1/authenticate`, sent as `Authorization: Bearer`.
 * Application tokens get no refresh token, so an expired `auth_token` (401 TokenExpired) is replaced by
 * exchanging the application token again.
 */
import type { paths } from "../../generated/emnify.js";
import { type AuthStrategy, type CrmClient, CrmKitError, type SessionAuth, sessionAuth, unwrap } from "../core/index.js";

/** The token exchange operation; it is the one operation without bearer security (`security: []`). */
export const AUTHENTICATE_PATH = "/api/v1/authenticate";

/** The secrets of one client: the application token and every auth_token it was given. */
export interface EmnifyCredentials {
  /** The application token, as given to the client. */
  readonly applicationToken: string;
  /** Every secret to redact, newest auth_token first. */
  secrets(): string[];
  /** Records an auth_token so that it stays redacted after it is replaced (a 401 body might still quote it). */
  remember(authToken: string): void;
}

// Tokens live 240 minutes (older docs); keeping the last few covers a response to a request sent with the previous one.
const REMEMBERED_TOKENS = 8;

export function emnifyCredentials(applicationToken: string): EmnifyCredentials {
  const issued: string[] = [];
  return {
    applicationToken,
    secrets: () => [applicationToken, ...issued],
    remember(authToken) {
      issued.unshift(authToken);
      issued.length = Math.min(issued.length, REMEMBERED_TOKENS);
    },
  };
}

/** For the exchange itself: sends no credentials, but still redacts the application token from errors and logs. */
export function anonymousAuth(credentials: EmnifyCredentials): AuthStrategy {
  return { authorize: () => undefined, secrets: () => credentials.secrets() };
}

/**
 * Bearer auth with the exchanged token: exchanges lazily on the first call, shares one exchange between
 * concurrent calls, and exchanges again once when a call gets a 401 (the core re-sends that call once).
 * `anonymous` is a client with the same transport options and no auth, through which the exchange is made.
 */
export function emnifySessionAuth(credentials: EmnifyCredentials, anonymous: CrmClient<paths>): SessionAuth {
  return sessionAuth<string>({
    async login() {
      const { auth_token: authToken } = await unwrap(
        anonymous.POST(AUTHENTICATE_PATH, { body: { application_token: credentials.applicationToken } }),
      );
      if (typeof authToken !== "string" || authToken === "") {
        throw new CrmKitError(
          `emnify: POST ${AUTHENTICATE_PATH} returned 200 without an auth_token, so no request can be authorised. ` +
            `Check that the baseUrl option points at the emnify API (https://cdn.emnify.net).`,
        );
      }
      credentials.remember(authToken);
      return authToken;
    },
    apply(authToken, headers) {
      headers.set("Authorization", `Bearer ${authToken}`);
    },
    secrets: () => credentials.secrets(),
  });
}

/**
 * emnify's token exchange (https://docs.emnify.com/developers/auth/application-tokens): the long-lived
 * application token buys a JWT `auth_token` from `POST /api/v1/authenticate`, sent as `Authorization: Bearer`.
 * Application tokens get no refresh token, so an expired `auth_token` (401 TokenExpired) is replaced by
 * exchanging the application token again.
 */
import { CrmKitError } from "../core/index.js";
import { prefix, type SessionAuth, sessionAuth } from "../core/vendor-kit.js";

/** The token exchange operation; it is the one operation without bearer security (`security: []`). */
export const AUTHENTICATE_PATH = "/api/v1/authenticate";

/**
 * Bearer auth with the exchanged token: sessionAuth exchanges lazily on the first call, shares one exchange
 * between concurrent calls, and exchanges again once when a call gets a 401 (the core re-sends that call once).
 * The exchange itself goes out without a token, under the client's timeoutMs and retries, while each waiting call
 * gives up on its own signal and timeout. Replaced auth_tokens stay redacted for a while (sessionAuth keeps the
 * last few).
 */
export function emnifySessionAuth(applicationToken: string): SessionAuth {
  return sessionAuth<string>({
    login: {
      method: "POST",
      path: AUTHENTICATE_PATH,
      body: { application_token: applicationToken },
      read(data) {
        const authToken = (data as { auth_token?: unknown } | undefined)?.auth_token;
        if (typeof authToken !== "string" || authToken === "") {
          throw new CrmKitError(
            `${prefix("emnify")}POST ${AUTHENTICATE_PATH} returned 200 without an auth_token, so no request can be authorised. ` +
              `Check that the baseUrl option points at the emnify API (https://cdn.emnify.net).`,
          );
        }
        return authToken;
      },
    },
    apply(authToken, headers) {
      headers.set("Authorization", `Bearer ${authToken}`);
    },
    secrets: (authToken) => (authToken === undefined ? [applicationToken] : [applicationToken, authToken]),
  });
}

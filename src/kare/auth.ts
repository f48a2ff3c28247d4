/**
 * Kare's two-token auth. Every call sends `Authorization: Bearer <token>` (an organisation token) and, except
 * login, `X-Session-Token: <sessionToken>`; the session token comes from
 * `POST /auth/v1/rs/login/credentials` with a user's email and password
 * (https://api-documentation.kare-app.fr/Auth/v1/api-rs/login/logincredentials-in-the-organization-context-and-return-tokens).
 */
import type { paths } from "../../generated/kare.js";
import {
  type AuthContext,
  type AuthStrategy,
  assertSecret,
  type CommonClientOptions,
  CrmKitError,
  createCrmClient,
  sessionAuth,
  unwrap,
  type VendorDefinition,
} from "../core/index.js";
import { prefix } from "../core/messages.js";
import { SESSION_HEADER } from "./paths.js";

/** Kare's login operation, the one call that carries no session token. */
export const LOGIN_PATH = "/auth/v1/rs/login/credentials";

/** Ready tokens: no login is made, and a 401 surfaces as AuthenticationError (nothing to log in with). */
export interface KareTokenAuth {
  /** Organisation API token, sent as `Authorization: Bearer` on every call. Required. */
  token: string;
  /** Session token (a JWT) from an earlier login, sent as `X-Session-Token` on every call. Required. */
  sessionToken: string;
  email?: never;
  password?: never;
}

/** Credentials: the client logs in on its first call, and again once when a call gets a 401. */
export interface KareCredentialsAuth {
  /** Organisation API token, sent as `Authorization: Bearer` on every call, login included. Required. */
  token: string;
  /** Email of the Kare user to log in as. Required. */
  email: string;
  /** Password of that user; only ever sent in the login body, and redacted from every error and log line. Required. */
  password: string;
  sessionToken?: never;
}

/** Exactly one of the two shapes: passing both or neither fails to compile (and throws at runtime). */
export type KareAuthOptions = KareTokenAuth | KareCredentialsAuth;

/** The tokens login returns; only `sessionToken` is sent, the other two are kept redacted. */
export type KareSession = NonNullable<
  paths["/auth/v1/rs/login/credentials"]["post"]["responses"][201]["content"]["application/json"]
>["data"];

type Shape =
  | { kind: "tokens"; token: string; sessionToken: string }
  | { kind: "credentials"; token: string; email: string; password: string };

const SHAPES = "pass either { token, sessionToken } (ready tokens) or { token, email, password } (credentials for a lazy login)";

/** Validates the auth options and tells which shape they are; messages name options, never values. */
export function readAuthOptions(options: Record<string, unknown>): Shape {
  const token = assertSecret(options.token, "token");
  const hasSession = options.sessionToken !== undefined;
  const hasCredentials = options.email !== undefined || options.password !== undefined;
  if (hasSession && hasCredentials) {
    throw new TypeError(`${prefix("kare")}options.sessionToken and options.email/options.password were all given; ${SHAPES}, not both.`);
  }
  if (hasSession) return { kind: "tokens", token, sessionToken: assertSecret(options.sessionToken, "sessionToken") };
  if (!hasCredentials) {
    throw new TypeError(`${prefix("kare")}neither options.sessionToken nor options.email and options.password were given; ${SHAPES}.`);
  }
  // The email is not a secret, but assertSecret's checks (non-empty string, no line break) fit it, without a minimum length.
  return {
    kind: "credentials",
    token,
    email: assertSecret(options.email, "email", 1),
    password: assertSecret(options.password, "password"),
  };
}

/**
 * Which token Kare expects in `Authorization` after login (the organisation token or the login's accessToken)
 * is undocumented. The client keeps the organisation token there, the one that login itself needs, and adds
 * the session token; accessToken and refreshToken are kept only to be redacted.
 */
export function kareAuth(shape: Shape, vendor: VendorDefinition, common: CommonClientOptions): AuthStrategy {
  const bearer = (headers: Headers): void => headers.set("Authorization", `Bearer ${shape.token}`);
  if (shape.kind === "tokens") {
    return exceptLogin(bearer, {
      authorize(headers) {
        bearer(headers);
        headers.set(SESSION_HEADER, shape.sessionToken);
      },
      secrets: () => [shape.token, shape.sessionToken],
    });
  }
  const credentials = { email: shape.email, password: shape.password };
  // Login runs through its own client so that it gets the same retries, timeouts, typed errors and redaction.
  const loginClient = createCrmClient<paths>(vendor, common, {
    authorize: bearer,
    secrets: () => [shape.token, shape.password],
  });
  // The login runs under the client's timeoutMs and retries; each waiting call gives up on its own signal and timeout.
  const session = sessionAuth<KareSession>({
    async login({ signal }) {
      const result = await unwrap(loginClient.POST(LOGIN_PATH, { body: credentials, signal }));
      const session = result?.data;
      if (typeof session?.sessionToken !== "string" || session.sessionToken === "") {
        throw new CrmKitError(
          `${prefix("kare")}login answered without a data.sessionToken string; the client cannot authenticate later calls.`,
        );
      }
      return session;
    },
    apply(session, headers) {
      bearer(headers);
      headers.set(SESSION_HEADER, session.sessionToken);
    },
    secrets: (session) => [shape.token, shape.password, ...sessionSecrets(session)],
  });
  return exceptLogin(bearer, session);
}

/**
 * The strategy for every call but login, which gets the organisation token only: the spec gives login no
 * X-Session-Token, the session token it would send is the one login replaces, and with credentials a login
 * call must not first trigger a login of its own. A 401 for login surfaces as is (there is nothing to renew).
 */
function exceptLogin(bearer: (headers: Headers) => void, auth: AuthStrategy): AuthStrategy {
  const strategy: AuthStrategy = {
    authorize(headers, context) {
      if (isLogin(context)) return bearer(headers);
      return auth.authorize(headers, context);
    },
    secrets: () => auth.secrets(),
  };
  const { renew } = auth;
  if (renew) strategy.renew = (rejected, context) => (isLogin(context) ? Promise.resolve(false) : renew.call(auth, rejected, context));
  return strategy;
}

function isLogin(context: AuthContext | undefined): boolean {
  if (context?.method !== "POST") return false;
  try {
    return new URL(context.url).pathname.endsWith(LOGIN_PATH);
  } catch {
    return false;
  }
}

function sessionSecrets(session: KareSession | undefined): string[] {
  if (!session) return [];
  return [session.sessionToken, session.accessToken, session.refreshToken].filter((value): value is string => typeof value === "string");
}

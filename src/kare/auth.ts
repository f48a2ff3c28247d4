/**
 * Kare's two-token auth. Every call sends `Authorization: Bearer <token>` (an organisation token) and, except
 * login, `X-Session-Token: <sessionToken>`; the session token comes from
 * `POST /auth/v1/rs/login/credentials` with a user's email and password
 * (https://api-documentation.kare-app.fr/Auth/v1/api-rs/login/logincredentials-in-the-organization-context-and-return-tokens).
 */
import type { paths } from "../../generated/kare.js";
import { CrmKitError } from "../core/index.js";
import { type AuthStrategy, assertSecret, prefix, sessionAuth } from "../core/vendor-kit.js";
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
 * the session token; accessToken and refreshToken are kept only to be redacted. Login carries the organisation
 * token only: the spec gives it no X-Session-Token, and the session token it would send is the one login
 * replaces. With ready tokens there is nothing to log in with, so a 401 surfaces as AuthenticationError.
 */
export function kareAuth(shape: Shape): AuthStrategy {
  const bearer = (headers: Headers): void => headers.set("Authorization", `Bearer ${shape.token}`);
  const credentials = shape.kind === "credentials" ? { email: shape.email, password: shape.password } : undefined;
  return sessionAuth<Session>({
    login: { method: "POST", path: LOGIN_PATH, body: credentials, read: readSession, apply: bearer },
    apply(session, headers) {
      bearer(headers);
      headers.set(SESSION_HEADER, session.sessionToken);
    },
    secrets: (session) => [shape.token, ...(credentials ? [credentials.password] : []), ...sessionSecrets(session)],
    initial: shape.kind === "tokens" ? { sessionToken: shape.sessionToken } : undefined,
    renewable: credentials !== undefined,
  });
}

/** A session: the login's tokens, or ready tokens' session token alone. */
type Session = Pick<KareSession, "sessionToken"> & Partial<KareSession>;

function readSession(body: unknown): Session {
  const session = (body as { data?: Partial<KareSession> } | undefined)?.data;
  if (typeof session?.sessionToken !== "string" || session.sessionToken === "") {
    throw new CrmKitError(
      `${prefix("kare")}login answered without a data.sessionToken string; the client cannot authenticate later calls.`,
    );
  }
  return session as Session;
}

function sessionSecrets(session: Session | undefined): string[] {
  if (!session) return [];
  return [session.sessionToken, session.accessToken, session.refreshToken].filter((value): value is string => typeof value === "string");
}

/**
 * The read-only calls `npm run contract:live` sends to each real API (through Prism in proxy mode),
 * and how each API authenticates from the environment. Only list operations: they return real data
 * without changing any. Login calls are sent through Prism too, so their responses are checked as well.
 */

type Env = Record<string, string | undefined>;

/** One request, by operationId; `{name}` placeholders in `path` are filled from `params`. */
export interface LiveCall {
  operationId: string;
  method: "GET" | "POST";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Path parameters from the session or from earlier answers (by operationId); undefined skips the call with `skipReason`. */
  params?: (session: LiveSession, answers: Record<string, unknown>) => Record<string, string | undefined>;
  /** Why the call is skipped when a parameter is undefined. */
  skipReason?: string;
}

export interface LiveSession {
  /** Headers sent on every call after login. */
  headers: Record<string, string>;
  /** Values calls can use as path parameters (e.g. the emnify org_id). */
  values: Record<string, string | undefined>;
}

/** Sends one call through Prism; resolves with the parsed body, or rejects when the call failed. */
export type Send = (call: LiveCall, headers: Record<string, string>) => Promise<unknown>;

export interface LiveApi {
  /** Why this API cannot run with this environment (which variables to set); undefined when it can. */
  missingCredentials(env: Env): string | undefined;
  /** Turns the credentials into the headers (and values) of a session, logging in through `send` when needed. */
  login(env: Env, send: Send): Promise<LiveSession>;
  calls: LiveCall[];
}

const bearer = (token: string | undefined) => ({ Authorization: `Bearer ${token ?? ""}` });

export const liveApis: Record<string, LiveApi> = {
  featurebase: {
    missingCredentials: (env) => (env.FEATUREBASE_API_KEY ? undefined : "FEATUREBASE_API_KEY is not set"),
    login: async (env) => ({
      // Every v2 endpoint needs 2026-01-01.nova or newer; an organization's default may be older.
      headers: { ...bearer(env.FEATUREBASE_API_KEY), "Featurebase-Version": "2026-01-01.nova" },
      values: {},
    }),
    calls: [
      { operationId: "listCompanies", method: "GET", path: "/v2/companies", query: { limit: "10" } },
      { operationId: "listContacts", method: "GET", path: "/v2/contacts", query: { limit: "10" } },
    ],
  },

  folk: {
    missingCredentials: (env) => (env.FOLK_API_KEY ? undefined : "FOLK_API_KEY is not set"),
    login: async (env) => ({ headers: bearer(env.FOLK_API_KEY), values: {} }),
    calls: [
      { operationId: "listCompanies", method: "GET", path: "/v1/companies", query: { limit: "10" } },
      { operationId: "listPeople", method: "GET", path: "/v1/people", query: { limit: "10" } },
      { operationId: "listGroups", method: "GET", path: "/v1/groups" },
    ],
  },

  emnify: {
    missingCredentials: (env) => (env.EMNIFY_APPLICATION_TOKEN ? undefined : "EMNIFY_APPLICATION_TOKEN is not set"),
    login: async (env, send) => {
      const answer = await send(
        { operationId: "authenticate", method: "POST", path: "/api/v1/authenticate", body: { application_token: env.EMNIFY_APPLICATION_TOKEN } },
        {},
      );
      const token = (answer as { auth_token?: unknown } | undefined)?.auth_token;
      if (typeof token !== "string") throw new Error("authenticate answered without an auth_token");
      // The organisation is not part of any documented response; the JWT's `esc.org` claim is a guess.
      return { headers: bearer(token), values: { org_id: env.EMNIFY_ORG_ID ?? jwtClaim(token, "esc.org") } };
    },
    calls: [
      {
        operationId: "listContacts",
        method: "GET",
        path: "/api/v1/organisation/{org_id}/contact",
        query: { page: "1", per_page: "10" },
        params: (session) => ({ org_id: session.values.org_id }),
        skipReason: "the organisation is unknown: set EMNIFY_ORG_ID",
      },
    ],
  },

  kare: {
    missingCredentials: (env) => {
      if (!env.KARE_TOKEN) return "KARE_TOKEN is not set; it goes with KARE_SESSION_TOKEN or with KARE_EMAIL and KARE_PASSWORD";
      if (!env.KARE_SESSION_TOKEN && !(env.KARE_EMAIL && env.KARE_PASSWORD)) return "KARE_TOKEN is set, but neither KARE_SESSION_TOKEN nor KARE_EMAIL and KARE_PASSWORD are";
      return undefined;
    },
    login: async (env, send) => {
      let sessionToken = env.KARE_SESSION_TOKEN;
      if (!sessionToken) {
        const answer = await send(
          { operationId: "login", method: "POST", path: "/auth/v1/rs/login/credentials", body: { email: env.KARE_EMAIL, password: env.KARE_PASSWORD } },
          bearer(env.KARE_TOKEN),
        );
        const token = (answer as { data?: { sessionToken?: unknown } } | undefined)?.data?.sessionToken;
        if (typeof token !== "string") throw new Error("login answered without data.sessionToken");
        sessionToken = token;
      }
      return { headers: { ...bearer(env.KARE_TOKEN), "X-Session-Token": sessionToken }, values: {} };
    },
    calls: [
      { operationId: "listCompanies", method: "GET", path: "/companies/v2/rs", query: { page: "1", pageSize: "10" } },
      {
        operationId: "listContacts",
        method: "GET",
        path: "/companies/v2/rs/{companyId}/contacts",
        params: (_session, answers) => ({ companyId: firstId((answers.listCompanies as { data?: unknown } | undefined)?.data) }),
        skipReason: "listCompanies returned no company to list the contacts of",
      },
    ],
  },
};

function firstId(list: unknown): string | undefined {
  const id = Array.isArray(list) ? (list[0] as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === "number" || typeof id === "string" ? String(id) : undefined;
}

function jwtClaim(token: string, claim: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
    const value = payload[claim];
    return typeof value === "number" || typeof value === "string" ? String(value) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What `npm run contract:live` sends to each real API: a factory that builds the vendor's own client from the
 * environment, and the read-only calls made with it (list and get operations only: they return real data
 * without changing any). The clients log in by themselves (emnify's token exchange, Kare's login), so those
 * responses go through Prism and are checked too.
 */
import { unwrap } from "../../src/core/index.js";
import { createEmnifyClient, type EmnifyClient } from "../../src/emnify/index.js";
import { createFeaturebaseClient, type FeaturebaseClient } from "../../src/featurebase/index.js";
import { createFolkClient, type FolkClient } from "../../src/folk/index.js";
import { createKareClient, type KareClient } from "../../src/kare/index.js";

type Env = Record<string, string | undefined>;

/** How the runner wires every client: to Prism, through a fetch that records each response, without retries. */
export interface LiveTransport {
  baseUrl: string;
  fetch: (input: Request) => Promise<Response>;
  maxRetries: number;
}

/** What a call's `run` resolves with when it cannot be sent (e.g. there is no company to list the contacts of). */
export class NotSent {
  constructor(readonly reason: string) {}
}

/** One read-only call, named by the operation it is meant to exercise. */
export interface LiveCall<Client> {
  operationId: string;
  /** Sends the call; resolves with its data (`unwrap` throws the ApiError of a non-2xx) or a NotSent. */
  run(client: Client, context: CallContext): Promise<unknown>;
}

export interface CallContext {
  env: Env;
  /** The data of the calls already made for this API, by operationId. */
  earlier: ReadonlyMap<string, unknown>;
}

// `run` is a method, so a LiveApi<FeaturebaseClient> is also a LiveApi<unknown>; the runner only ever hands a
// call the client made by the same LiveApi's createClient.
export interface LiveApi<Client> {
  /** Why this environment cannot run the API (which variables to set), or undefined when it can. */
  missingCredentials(env: Env): string | undefined;
  /** The vendor's client, built from the environment; called only when missingCredentials returned undefined. */
  createClient(env: Env, transport: LiveTransport): Client;
  calls: Array<LiveCall<Client>>;
}

const featurebase: LiveApi<FeaturebaseClient> = {
  missingCredentials: (env) => (env.FEATUREBASE_API_KEY ? undefined : "FEATUREBASE_API_KEY is not set"),
  // The client's default Featurebase-Version (2026-01-01.nova) is the one the v2 endpoints need.
  createClient: (env, transport) => createFeaturebaseClient({ apiKey: variable(env, "FEATUREBASE_API_KEY"), ...transport }),
  calls: [
    { operationId: "listCompanies", run: (client) => unwrap(client.GET("/v2/companies", { params: { query: { limit: 10 } } })) },
    { operationId: "listContacts", run: (client) => unwrap(client.GET("/v2/contacts", { params: { query: { limit: 10 } } })) },
  ],
};

const folk: LiveApi<FolkClient> = {
  missingCredentials: (env) => (env.FOLK_API_KEY ? undefined : "FOLK_API_KEY is not set"),
  createClient: (env, transport) => createFolkClient({ apiKey: variable(env, "FOLK_API_KEY"), ...transport }),
  calls: [
    { operationId: "listCompanies", run: (client) => unwrap(client.GET("/v1/companies", { params: { query: { limit: 10 } } })) },
    { operationId: "listPeople", run: (client) => unwrap(client.GET("/v1/people", { params: { query: { limit: 10 } } })) },
    { operationId: "listGroups", run: (client) => unwrap(client.GET("/v1/groups")) },
    {
      operationId: "listGroupCustomFields",
      run: async (client, { earlier }) => {
        const groups = (earlier.get("listGroups") as { data?: { items?: Array<{ id?: unknown }> } } | undefined)?.data?.items;
        const groupId = groups?.[0]?.id;
        if (typeof groupId !== "string") return new NotSent("listGroups failed or returned no group to list the custom fields of");
        return unwrap(
          client.GET("/v1/groups/{groupId}/custom-fields/{entityType}", { params: { path: { groupId, entityType: "person" } } }),
        );
      },
    },
    { operationId: "getCurrentUser", run: (client) => unwrap(client.GET("/v1/users/me")) },
    { operationId: "listUsers", run: (client) => unwrap(client.GET("/v1/users", { params: { query: { limit: 10 } } })) },
    { operationId: "listNotes", run: (client) => unwrap(client.GET("/v1/notes", { params: { query: { limit: 10 } } })) },
    { operationId: "listReminders", run: (client) => unwrap(client.GET("/v1/reminders", { params: { query: { limit: 10 } } })) },
    { operationId: "listWebhooks", run: (client) => unwrap(client.GET("/v1/webhooks", { params: { query: { limit: 10 } } })) },
  ],
};

// No documented response names the caller's organisation, so its id has to come from the environment.
const emnify: LiveApi<EmnifyClient> = {
  missingCredentials: (env) => {
    if (!env.EMNIFY_APPLICATION_TOKEN) return "EMNIFY_APPLICATION_TOKEN is not set; it goes with EMNIFY_ORG_ID";
    if (!env.EMNIFY_ORG_ID) return "EMNIFY_APPLICATION_TOKEN is set, but EMNIFY_ORG_ID (the organisation whose contacts are listed) is not";
    if (!/^[1-9]\d*$/.test(env.EMNIFY_ORG_ID)) return "EMNIFY_ORG_ID must be the numeric organisation id";
    return undefined;
  },
  // The client exchanges the application token itself, through the same fetch: `authenticate` is checked too.
  createClient: (env, transport) => createEmnifyClient({ applicationToken: variable(env, "EMNIFY_APPLICATION_TOKEN"), ...transport }),
  calls: [
    {
      operationId: "listContacts",
      run: (client, { env }) =>
        unwrap(
          client.GET("/api/v1/organisation/{org_id}/contact", {
            params: { path: { org_id: Number(env.EMNIFY_ORG_ID) }, query: { page: 1, per_page: 10 } },
          }),
        ),
    },
  ],
};

const kare: LiveApi<KareClient> = {
  missingCredentials: (env) => {
    if (!env.KARE_TOKEN) return "KARE_TOKEN is not set; it goes with KARE_SESSION_TOKEN or with KARE_EMAIL and KARE_PASSWORD";
    if (!env.KARE_SESSION_TOKEN && !(env.KARE_EMAIL && env.KARE_PASSWORD))
      return "KARE_TOKEN is set, but neither KARE_SESSION_TOKEN nor KARE_EMAIL and KARE_PASSWORD are";
    return undefined;
  },
  // A ready session token wins; otherwise the client logs in with the credentials, through the same fetch.
  createClient: (env, transport) => {
    const token = variable(env, "KARE_TOKEN");
    return env.KARE_SESSION_TOKEN
      ? createKareClient({ token, sessionToken: env.KARE_SESSION_TOKEN, ...transport })
      : createKareClient({ token, email: variable(env, "KARE_EMAIL"), password: variable(env, "KARE_PASSWORD"), ...transport });
  },
  calls: [
    {
      operationId: "listCompanies",
      run: (client) => unwrap(client.GET("/companies/v2/rs", { params: { query: { page: 1, pageSize: 10 } } })),
    },
    {
      operationId: "listContacts",
      run: async (client, { earlier }) => {
        const companyId = firstId(earlier.get("listCompanies"));
        if (companyId === undefined) return new NotSent("listCompanies failed or returned no company to list the contacts of");
        return unwrap(client.GET("/companies/v2/rs/{companyId}/contacts", { params: { path: { companyId } } }));
      },
    },
  ],
};

export const liveApis: Record<string, LiveApi<unknown>> = { featurebase, folk, emnify, kare };

function variable(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** The id of the first item of a `{ data: [...] }` page, or undefined. */
function firstId(page: unknown): number | undefined {
  const data = typeof page === "object" && page !== null ? (page as { data?: unknown }).data : undefined;
  const id = Array.isArray(data) ? (data[0] as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === "number" ? id : undefined;
}

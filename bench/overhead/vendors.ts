/**
 * One GET per vendor, called three ways over the same connection pool: raw `fetch`, bare openapi-fetch and the
 * crm-kit client. Every contender sends the headers the crm-kit client sends, and the server answers each with
 * the spec's own 200 example, so the three differ only in the client code between the caller and `fetch`.
 */
import createClient from "openapi-fetch";
import type { paths as EmnifyPaths } from "../../generated/emnify.js";
import type { paths as FeaturebasePaths } from "../../generated/featurebase.js";
import type { paths as FolkPaths } from "../../generated/folk.js";
import type { paths as KarePaths } from "../../generated/kare.js";
import type { RateLimitOption } from "../../src/core/index.js";
import { AUTHENTICATE_PATH } from "../../src/emnify/auth.js";
import { createEmnifyClient } from "../../src/emnify/index.js";
import { createFeaturebaseClient, DEFAULT_FEATUREBASE_VERSION } from "../../src/featurebase/index.js";
import { createFolkClient } from "../../src/folk/index.js";
import { createKareClient } from "../../src/kare/index.js";

/** The pacing options a bench client is made with. */
export type Pacing = { rateLimit: RateLimitOption };
const UNPACED: Pacing = { rateLimit: false };

/** One timed call; resolves to the parsed body (checked once against the example, ignored while timing). */
export type Call = () => Promise<unknown>;

/** A request the server must answer for a vendor: the benchmarked GET, or a setup call such as a token exchange. */
export interface Route {
  method: "get" | "post";
  /** The path as written in the spec, whose 200 example is the response body. */
  template: string;
  /** The path as requested. */
  path: string;
}

export interface VendorCase {
  api: "featurebase" | "folk" | "emnify" | "kare";
  get: Route;
  setup: Route[];
  /** What the crm-kit client sends on the GET; raw fetch and openapi-fetch send the same. */
  headers: Record<string, string>;
  openapiFetch(baseUrl: string): Call;
  /**
   * The client with its auth already established (a warm-up call made where auth is lazy). Unpaced unless
   * `pacing` says otherwise: thousands of calls a minute are far beyond every vendor's documented limit.
   */
  crmKit(baseUrl: string, pacing?: Pacing): Promise<Call>;
}

// Fake credentials: the bench server checks no header.
const API_KEY = "sk_bench_0000000000000000";
// Must equal the auth_token of the spec's authenticate example, which the server answers the exchange with.
const EMNIFY_AUTH_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...";
const KARE_TOKEN = "kare-org-token-bench";
const KARE_SESSION = "kare-session-token-bench";

/** Fails the bench loudly: a contender that gets an error is not measuring the success path. */
function dataOf<T>(result: { data?: T; error?: unknown; response: Response }, who: string): T {
  if (result.error !== undefined || !result.response.ok) throw new Error(`${who}: HTTP ${result.response.status} instead of 200`);
  return result.data as T;
}

const featurebaseId = "507f1f77bcf86cd799439011";
const featurebase: VendorCase = {
  api: "featurebase",
  get: { method: "get", template: "/v2/companies/{id}", path: `/v2/companies/${featurebaseId}` },
  setup: [],
  headers: { Authorization: `Bearer ${API_KEY}`, "Featurebase-Version": DEFAULT_FEATUREBASE_VERSION },
  openapiFetch(baseUrl) {
    const client = createClient<FeaturebasePaths>({ baseUrl, headers: this.headers });
    return async () => dataOf(await client.GET("/v2/companies/{id}", { params: { path: { id: featurebaseId } } }), "openapi-fetch");
  },
  async crmKit(baseUrl, pacing = UNPACED) {
    const client = createFeaturebaseClient({ apiKey: API_KEY, baseUrl, ...pacing });
    return async () => dataOf(await client.GET("/v2/companies/{id}", { params: { path: { id: featurebaseId } } }), "crm-kit");
  },
};

const folkId = "com_183ed5cc-3182-45de-84d1-d520f2604810";
const folk: VendorCase = {
  api: "folk",
  get: { method: "get", template: "/v1/companies/{companyId}", path: `/v1/companies/${folkId}` },
  setup: [],
  headers: { Authorization: `Bearer ${API_KEY}` },
  openapiFetch(baseUrl) {
    const client = createClient<FolkPaths>({ baseUrl, headers: this.headers });
    return async () => dataOf(await client.GET("/v1/companies/{companyId}", { params: { path: { companyId: folkId } } }), "openapi-fetch");
  },
  async crmKit(baseUrl, pacing = UNPACED) {
    const client = createFolkClient({ apiKey: API_KEY, baseUrl, ...pacing });
    return async () => dataOf(await client.GET("/v1/companies/{companyId}", { params: { path: { companyId: folkId } } }), "crm-kit");
  },
};

const emnifyIds = { org_id: 1234, contact_id: "5678" };
const emnify: VendorCase = {
  api: "emnify",
  get: { method: "get", template: "/api/v1/organisation/{org_id}/contact/{contact_id}", path: `/api/v1/organisation/1234/contact/5678` },
  setup: [{ method: "post", template: AUTHENTICATE_PATH, path: AUTHENTICATE_PATH }],
  headers: { Authorization: `Bearer ${EMNIFY_AUTH_TOKEN}` },
  openapiFetch(baseUrl) {
    const client = createClient<EmnifyPaths>({ baseUrl, headers: this.headers });
    return async () =>
      dataOf(await client.GET("/api/v1/organisation/{org_id}/contact/{contact_id}", { params: { path: emnifyIds } }), "openapi-fetch");
  },
  async crmKit(baseUrl, pacing = UNPACED) {
    const client = createEmnifyClient({ applicationToken: "emnify-application-token-bench", baseUrl, ...pacing });
    const call = async () =>
      dataOf(await client.GET("/api/v1/organisation/{org_id}/contact/{contact_id}", { params: { path: emnifyIds } }), "crm-kit");
    // The first call exchanges the application token; every later call reuses the auth_token.
    await call();
    return call;
  },
};

const kare: VendorCase = {
  api: "kare",
  get: { method: "get", template: "/companies/v2/rs", path: "/companies/v2/rs" },
  setup: [],
  headers: { Authorization: `Bearer ${KARE_TOKEN}`, "X-Session-Token": KARE_SESSION },
  openapiFetch(baseUrl) {
    const client = createClient<KarePaths>({ baseUrl, headers: this.headers });
    return async () =>
      dataOf(await client.GET("/companies/v2/rs", { params: { header: { "X-Session-Token": KARE_SESSION } } }), "openapi-fetch");
  },
  async crmKit(baseUrl, pacing = UNPACED) {
    const client = createKareClient({ token: KARE_TOKEN, sessionToken: KARE_SESSION, baseUrl, ...pacing });
    return async () => dataOf(await client.GET("/companies/v2/rs"), "crm-kit");
  },
};

export const VENDOR_CASES: readonly VendorCase[] = [featurebase, folk, emnify, kare];

/** Raw fetch with the same URL and headers, reading the JSON body as the clients do. */
export function rawFetch(baseUrl: string, vendor: VendorCase): Call {
  const url = `${baseUrl}${vendor.get.path}`;
  const init = { headers: vendor.headers };
  return async () => {
    const response = await fetch(url, init);
    if (!response.ok) throw new Error(`raw fetch: HTTP ${response.status} instead of 200`);
    return response.json();
  };
}

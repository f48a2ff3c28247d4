/**
 * Featurebase: companies and contacts of the v2 REST API (https://docs.featurebase.app/rest-api).
 *
 *   const featurebase = createFeaturebaseClient({ apiKey: process.env.FEATUREBASE_API_KEY! });
 *   const { data, error } = await featurebase.GET("/v2/companies/{id}", { params: { path: { id } } });
 */
import type { components, paths } from "../../generated/featurebase.js";
import { bearerAuth, type CommonClientOptions, type CrmClient, createCrmClient, type VendorDefinition } from "../core/index.js";

export type { components, operations, paths } from "../../generated/featurebase.js";
export { type FeaturebaseListPath, paginateFeaturebase, searchAllCompanies } from "./pagination.js";

export type FeaturebaseVersion = components["parameters"]["FeaturebaseVersion"];
export type Company = components["schemas"]["Company"];
export type Contact = components["schemas"]["Contact"];

/** The API versions the spec documents, newest first. */
export const FEATUREBASE_VERSIONS = [
  "2026-08-19.orbit",
  "2026-01-01.nova",
  "2025-12-12.clover",
] as const satisfies readonly FeaturebaseVersion[];
// Fails to compile when the spec documents a version this list lacks.
const everyVersionListed: [Exclude<FeaturebaseVersion, (typeof FEATUREBASE_VERSIONS)[number]>] extends [never] ? true : never = true;
void everyVersionListed;

/** The version the client sends by default: the first one with the v2 companies and contacts endpoints. */
export const DEFAULT_FEATUREBASE_VERSION: FeaturebaseVersion = "2026-01-01.nova";

export interface FeaturebaseClientOptions extends CommonClientOptions {
  /** Secret API key (`sk_…`, Settings → API), sent as `Authorization: Bearer`. Required. */
  apiKey: string;
  /** `Featurebase-Version` header, "2026-01-01.nova" or newer (defaults to "2026-01-01.nova", the first with the v2 endpoints). */
  version?: FeaturebaseVersion;
}

export type FeaturebaseClient = CrmClient<paths>;

/** Featurebase's error body: `{ error: { type, code, message, param?, status } }`. */
export const featurebaseVendor: VendorDefinition = {
  name: "featurebase",
  defaultBaseUrl: "https://do.featurebase.app",
  parseError(body) {
    const error = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
    if (typeof error !== "object" || error === null) return {};
    const { code, type, message, param } = error as Record<string, unknown>;
    return {
      code: typeof code === "string" ? code : typeof type === "string" ? type : undefined,
      message: typeof message === "string" ? message : undefined,
      param: typeof param === "string" ? param : undefined,
    };
  },
};

export function createFeaturebaseClient(options: FeaturebaseClientOptions): FeaturebaseClient {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("createFeaturebaseClient: expected an options object with an apiKey");
  }
  const version = options.version ?? DEFAULT_FEATUREBASE_VERSION;
  if (!(FEATUREBASE_VERSIONS as readonly string[]).includes(version)) {
    throw new TypeError(
      `createFeaturebaseClient: version "${String(version)}" is not a documented Featurebase-Version (${FEATUREBASE_VERSIONS.join(", ")})`,
    );
  }
  // Versions are "<date>.<slug>"; every operation of this client needs the default's date or a later one.
  if (version < DEFAULT_FEATUREBASE_VERSION) {
    throw new TypeError(
      `createFeaturebaseClient: version "${version}" predates the v2 companies and contacts endpoints this client calls; use "${DEFAULT_FEATUREBASE_VERSION}" or newer`,
    );
  }
  const auth = bearerAuth(options.apiKey, "apiKey");
  return createCrmClient<paths>(featurebaseVendor, { ...options, headers: { ...options.headers, "Featurebase-Version": version } }, auth);
}

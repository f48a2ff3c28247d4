/**
 * Featurebase: companies and contacts of the v2 REST API (https://docs.featurebase.app/rest-api).
 *
 *   const featurebase = createFeaturebaseClient({ apiKey: process.env.FEATUREBASE_API_KEY! });
 *   const { data, error } = await featurebase.GET("/v2/companies/{id}", { params: { path: { id } } });
 */
import type { components, paths } from "../../generated/featurebase.js";
import type { CommonClientOptions, CrmClient } from "../core/index.js";
import { bearerAuth, createCrmClient, prefix } from "../core/vendor-kit.js";
import { featurebaseVendor } from "./vendor.js";

export type { components, operations, paths } from "../../generated/featurebase.js";
export {
  type RawWebhookDelivery,
  type VerifyWebhookOptions,
  type WebhookDeliveryInput,
  WebhookVerificationError,
} from "../core/index.js";
export { type FeaturebaseListPath, paginateFeaturebase } from "./pagination.js";
export {
  type FeaturebaseWebhookEvent,
  type FeaturebaseWebhookTopic,
  signFeaturebaseWebhook,
  verifyFeaturebaseWebhook,
} from "./webhooks.js";

/** A `Featurebase-Version` value: "<date>.<slug>", e.g. "2026-01-01.nova". */
export type FeaturebaseVersion = components["parameters"]["FeaturebaseVersion"];
export type Company = components["schemas"]["Company"];
export type Contact = components["schemas"]["Contact"];
export type ContactEmailPreferences = components["schemas"]["ContactEmailPreferences"];

/** The API versions known when this client was written, newest first; a later "<date>.<slug>" is sent as given. */
export const FEATUREBASE_VERSIONS = ["2026-08-19.orbit", "2026-01-01.nova", "2025-12-12.clover"] as const;

/** The version the client sends by default: the first one with the v2 companies and contacts endpoints. */
export const DEFAULT_FEATUREBASE_VERSION: FeaturebaseVersion = "2026-01-01.nova";

const VERSION_FORMAT = /^\d{4}-\d{2}-\d{2}\.[A-Za-z0-9_-]+$/;

export interface FeaturebaseClientOptions extends CommonClientOptions {
  /** Secret API key (`sk_…`, Settings → API), sent as `Authorization: Bearer`. Required. */
  apiKey: string;
  /** `Featurebase-Version` header, "<date>.<slug>" dated 2026-01-01 or later (defaults to "2026-01-01.nova", the first with the v2 endpoints). */
  version?: FeaturebaseVersion;
}

export type FeaturebaseClient = CrmClient<paths>;

export function createFeaturebaseClient(options: FeaturebaseClientOptions): FeaturebaseClient {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${prefix("featurebase")}expected an options object with an apiKey, as in createFeaturebaseClient({ apiKey }).`);
  }
  const version = options.version ?? DEFAULT_FEATUREBASE_VERSION;
  if (typeof version !== "string" || !VERSION_FORMAT.test(version)) {
    throw new TypeError(
      `${prefix("featurebase")}options.version "${String(version)}" is not a Featurebase-Version of the form "<YYYY-MM-DD>.<slug>" (known: ${FEATUREBASE_VERSIONS.join(", ")})`,
    );
  }
  // Versions are "<date>.<slug>"; every operation of this client needs the default's date or a later one.
  if (version < DEFAULT_FEATUREBASE_VERSION) {
    throw new TypeError(
      `${prefix("featurebase")}options.version "${version}" predates the v2 companies and contacts endpoints this client calls; use "${DEFAULT_FEATUREBASE_VERSION}" or newer`,
    );
  }
  const auth = bearerAuth(options.apiKey, "apiKey");
  return createCrmClient<paths>(featurebaseVendor, { ...options, headers: { ...options.headers, "Featurebase-Version": version } }, auth);
}

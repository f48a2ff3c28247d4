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

export type Company = components["schemas"]["Company"];
export type Contact = components["schemas"]["Contact"];
export type ContactEmailPreferences = components["schemas"]["ContactEmailPreferences"];

/** The API versions known when this client was written, newest first; a later "<date>.<slug>" is sent as given. */
export const FEATUREBASE_VERSIONS = ["2026-08-19.orbit", "2026-01-01.nova", "2025-12-12.clover"] as const;

/** The known versions this client can use: those with the v2 companies and contacts endpoints. */
export type KnownFeaturebaseVersion = "2026-08-19.orbit" | "2026-01-01.nova";

declare const NEWER: unique symbol;
/** A version released after this client was written, checked by `featurebaseVersion("2027-03-01.vega")`. */
export type NewerFeaturebaseVersion = string & { readonly [NEWER]: true };

/**
 * A `Featurebase-Version` the client can send: a known one (a literal, checked by the editor), or a newer one
 * passed through `featurebaseVersion()`, which checks its form at run time.
 */
export type FeaturebaseVersion = KnownFeaturebaseVersion | NewerFeaturebaseVersion;

/** The version the client sends by default: the first one with the v2 companies and contacts endpoints. */
export const DEFAULT_FEATUREBASE_VERSION: FeaturebaseVersion = "2026-01-01.nova";

const VERSION_FORMAT = /^\d{4}-\d{2}-\d{2}\.[A-Za-z0-9_-]+$/;

/**
 * A version this client does not know yet (Featurebase released it later), for `options.version`:
 *   createFeaturebaseClient({ apiKey, version: featurebaseVersion("2027-03-01.vega") })
 * Throws a TypeError unless it is "<YYYY-MM-DD>.<slug>" dated 2026-01-01 or later.
 */
export function featurebaseVersion(version: string): FeaturebaseVersion {
  return checkVersion(version, "featurebaseVersion()");
}

function checkVersion(version: unknown, subject: string): FeaturebaseVersion {
  if (typeof version !== "string" || !VERSION_FORMAT.test(version)) {
    throw new TypeError(
      `${prefix("featurebase")}${subject} "${String(version)}" is not a Featurebase-Version of the form "<YYYY-MM-DD>.<slug>" (known: ${FEATUREBASE_VERSIONS.join(", ")})`,
    );
  }
  // Versions are "<date>.<slug>"; every operation of this client needs the default's date or a later one.
  if (version < DEFAULT_FEATUREBASE_VERSION) {
    throw new TypeError(
      `${prefix("featurebase")}${subject} "${version}" predates the v2 companies and contacts endpoints this client calls; use "${DEFAULT_FEATUREBASE_VERSION}" or newer`,
    );
  }
  return version as FeaturebaseVersion;
}

export interface FeaturebaseClientOptions extends CommonClientOptions {
  /** Secret API key (`sk_…`, Settings → API), sent as `Authorization: Bearer`. Required. */
  apiKey: string;
  /**
   * `Featurebase-Version` header (defaults to "2026-01-01.nova", the first with the v2 endpoints): a known version,
   * or a newer one as `featurebaseVersion("2027-03-01.vega")`.
   */
  version?: FeaturebaseVersion;
}

export type FeaturebaseClient = CrmClient<paths>;

export function createFeaturebaseClient(options: FeaturebaseClientOptions): FeaturebaseClient {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${prefix("featurebase")}expected an options object with an apiKey, as in createFeaturebaseClient({ apiKey }).`);
  }
  const version = checkVersion(options.version ?? DEFAULT_FEATUREBASE_VERSION, "options.version");
  const auth = bearerAuth(options.apiKey, "apiKey");
  return createCrmClient<paths>(featurebaseVendor, { ...options, headers: { ...options.headers, "Featurebase-Version": version } }, auth);
}

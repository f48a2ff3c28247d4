/**
 * emnify: the token exchange and the contacts of an organisation (https://docs.emnify.com/developers).
 *
 *   const emnify = createEmnifyClient({ applicationToken: process.env.EMNIFY_APPLICATION_TOKEN! });
 *   const contacts = await unwrap(emnify.GET("/api/v1/organisation/{org_id}/contact", { params: { path: { org_id: 1234 } } }));
 */
import type { components, paths } from "../../generated/emnify.js";
import type { CommonClientOptions, CrmClient } from "../core/index.js";
import { assertSecret, createCrmClient, prefix } from "../core/vendor-kit.js";
import { emnifySessionAuth } from "./auth.js";
import { emnifyVendor } from "./vendor.js";

export type { components, operations, paths } from "../../generated/emnify.js";
export { type EmnifyListPath, type EmnifyPage, paginateEmnify } from "./pagination.js";

export type Contact = components["schemas"]["Contact"];
export type ContactCreate = components["schemas"]["ContactCreate"];
export type ContactCreated = components["schemas"]["ContactCreated"];
export type ContactUpdate = components["schemas"]["ContactUpdate"];
export type EmnifyErrorBody = components["schemas"]["Error"];

export interface EmnifyClientOptions extends CommonClientOptions {
  /**
   * Application token (emnify Portal → Integrations, or `POST /api/v1/application_token`). Required. The client
   * exchanges it for an `auth_token` on its first call and again when that token is rejected; neither is ever
   * shown in an error or a log event.
   */
  applicationToken: string;
  /** API root (defaults to "https://cdn.emnify.net"). */
  baseUrl?: string | undefined;
  /** Custom fetch, used for the token exchange too (defaults to globalThis.fetch). */
  fetch?: ((input: Request) => Promise<Response>) | undefined;
}

export type EmnifyClient = CrmClient<paths>;

export function createEmnifyClient(options: EmnifyClientOptions): EmnifyClient {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `${prefix("emnify")}expected an options object with an applicationToken, as in createEmnifyClient({ applicationToken }).`,
    );
  }
  const applicationToken = assertSecret(options.applicationToken, "applicationToken");
  return createCrmClient<paths>(emnifyVendor, options, emnifySessionAuth(applicationToken));
}

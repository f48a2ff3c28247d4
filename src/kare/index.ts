/**
 * Kare: login, companies and contacts of the REST API (https://api-documentation.kare-app.fr).
 *
 *   const kare = createKareClient({ token: process.env.KARE_TOKEN!, email: "me@example.com", password: process.env.KARE_PASSWORD! });
 *   const companies = await unwrap(kare.GET("/companies/v2/rs", { params: { query: { pageSize: 50 } } }));
 */
import type { components } from "../../generated/kare.js";
import type { CommonClientOptions, CrmClient } from "../core/index.js";
import { createCrmClient, prefix } from "../core/vendor-kit.js";
import { type KareAuthOptions, kareAuth, readAuthOptions } from "./auth.js";
import type { KarePaths } from "./paths.js";
import { kareVendor } from "./vendor.js";

export type { components, operations, paths } from "../../generated/kare.js";
export type { KareAuthOptions, KareCredentialsAuth, KareSession, KareTokenAuth } from "./auth.js";
export { type KareListPath, paginateKare } from "./pagination.js";
export type { KarePaths } from "./paths.js";

export type Company = components["schemas"]["Company"];
export type CompanyCreate = components["schemas"]["CompanyCreate"];
export type CreatedCompany = components["schemas"]["CreatedCompany"];
export type Contact = components["schemas"]["Contact"];
export type ContactCreate = components["schemas"]["ContactCreate"];
export type ContactUpdate = components["schemas"]["ContactUpdate"];
export type CreateContactsResult = components["schemas"]["CreateContactsResult"];
export type KareError = components["schemas"]["Error"];

/**
 * Options of `createKareClient`: the common options plus exactly one auth shape.
 * - `{ token, sessionToken }`: ready tokens; every call sends both, no login is made, a 401 surfaces.
 * - `{ token, email, password }`: the first call logs in (concurrent calls share that one login), and a 401
 *   logs in again once and re-sends the call; a second 401 surfaces.
 * Either way `Authorization: Bearer <token>` carries the organisation token and `X-Session-Token` the session
 * token (which token Kare wants in Authorization after login is undocumented; see auth.ts).
 */
export type KareClientOptions = CommonClientOptions & KareAuthOptions;

/** An openapi-fetch client on Kare's paths, without the `X-Session-Token` parameter the client sends itself. */
export type KareClient = CrmClient<KarePaths>;

/** A Kare client; throws a TypeError naming the option when the auth options are missing, empty or mixed. */
export function createKareClient(options: KareClientOptions): KareClient {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `${prefix("kare")}createKareClient expects an options object with { token, sessionToken } or { token, email, password }.`,
    );
  }
  const { token, sessionToken, email, password, ...common } = options as KareClientOptions & Record<string, unknown>;
  const shape = readAuthOptions({ token, sessionToken, email, password });
  return createCrmClient<KarePaths>(kareVendor, common, kareAuth(shape));
}

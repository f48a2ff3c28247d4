/**
 * folk: the v1 REST API (https://developer.folk.app/api-reference): companies, people, groups and their custom
 * fields, deals and other objects, users, notes, reminders, interactions and webhooks.
 *
 *   const folk = createFolkClient({ apiKey: process.env.FOLK_API_KEY! });
 *   const { data } = await folk.GET("/v1/companies", { params: { query: { filter: { name: { like: "acme" } } } } });
 */
import type { components } from "../../generated/folk.js";
import type { CommonClientOptions, CrmClient } from "../core/index.js";
import { bearerAuth, createCrmClient, prefix } from "../core/vendor-kit.js";
import type { FolkPaths } from "./filters.js";
import { folkVendor } from "./vendor.js";

export type { components, operations, paths } from "../../generated/folk.js";
export {
  type RawWebhookDelivery,
  type VerifyWebhookOptions,
  type WebhookDeliveryInput,
  WebhookVerificationError,
} from "../core/index.js";
export type {
  FolkCompanyFilterAttribute,
  FolkCustomFieldAttribute,
  FolkFilterOf,
  FolkObjectFilterAttribute,
  FolkPaths,
  FolkPersonFilterAttribute,
} from "./filters.js";
export { type FolkListPath, type FolkSearchPath, paginateFolk, searchAllFolk } from "./pagination.js";
export { type FolkWebhookEvent, type FolkWebhookEventType, verifyFolkWebhook } from "./webhooks.js";

type Schemas = components["schemas"];
export type Company = Schemas["Company"];
export type Person = Schemas["Person"];
export type Group = Schemas["Group"];
export type User = Schemas["User"];
export type GroupCustomField = Schemas["GroupCustomField"];
/** An object of a group: a deal, or a record of another object type. */
export type Deal = Schemas["Deal"];
export type Note = Schemas["Note"];
export type Reminder = Schemas["Reminder"];
export type Interaction = Schemas["Interaction"];
/** A webhook as listed and read: its signing secret redacted. */
export type Webhook = Schemas["Webhook"];
/** A webhook as created: the only response that carries its signing secret in clear. */
export type WebhookWithSigningSecret = Schemas["WebhookWithSigningSecret"];
export type CreateCompanyRequest = Schemas["CreateCompanyRequest"];
export type UpdateCompanyRequest = Schemas["UpdateCompanyRequest"];
export type CreatePersonRequest = Schemas["CreatePersonRequest"];
export type UpdatePersonRequest = Schemas["UpdatePersonRequest"];
export type CreateDealRequest = Schemas["CreateDealRequest"];
export type UpdateDealRequest = Schemas["UpdateDealRequest"];
export type CreateNoteRequest = Schemas["CreateNoteRequest"];
export type UpdateNoteRequest = Schemas["UpdateNoteRequest"];
export type CreateReminderRequest = Schemas["CreateReminderRequest"];
export type UpdateReminderRequest = Schemas["UpdateReminderRequest"];
export type CreateInteractionRequest = Schemas["CreateInteractionRequest"];
export type CreateWebhookRequest = Schemas["CreateWebhookRequest"];
export type UpdateWebhookRequest = Schemas["UpdateWebhookRequest"];
/** `filter[<attribute>][<operator>]=<value>`, as an object: `{ name: { like: "acme" } }`; each list narrows the attributes (FolkFilterOf). */
export type Filter = Schemas["Filter"];
/** The body of the searches: `{ combinator?, filter? }`. */
export type SearchRequest = Schemas["SearchRequest"];
/** What one custom field accepts on write (numbers are read back as strings). */
export type CustomFieldValueInput = Schemas["CustomFieldValueInput"];
/** What one custom field holds on read. */
export type CustomFieldValue = Schemas["CustomFieldValue"];
/** folk's error body: `{ error: { code, message, documentationUrl, requestId, timestamp, details? } }`. */
export type FolkErrorBody = Schemas["Error"];

export interface FolkClientOptions extends CommonClientOptions {
  /** folk API key (Settings → API), sent as `Authorization: Bearer`. Required. */
  apiKey: string;
}

/** An openapi-fetch client on folk's paths, each list's `filter` narrowed to its own attributes (see FolkPaths). */
export type FolkClient = CrmClient<FolkPaths>;

export function createFolkClient(options: FolkClientOptions): FolkClient {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${prefix("folk")}expected an options object with an apiKey, as in createFolkClient({ apiKey }).`);
  }
  const auth = bearerAuth(options.apiKey, "apiKey");
  return createCrmClient<FolkPaths>(folkVendor, options, auth);
}

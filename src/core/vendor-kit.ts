// `crm-kit/vendor-kit`: what a vendor module needs to build a client on the core: the client factory and the
// vendor definition, auth strategies, and the helpers of a paginator. An app using a client needs `crm-kit` only.

export { type AuthContext, type AuthStrategy, assertSecret, bearerAuth, type LoginClient } from "./auth.js";
export type { GetInit, PostInit } from "./call-types.js";
export { createCrmClient } from "./client.js";
export { DOCUMENTED_RATE_LIMITS, type PaceRule } from "./documented-limits.js";
// A vendor module's own messages start as the core's do: "crm-kit (<vendor>): ".
export { prefix } from "./messages.js";
export {
  fetchListPage,
  type ListPage,
  type ListPageRequest,
  type PageFieldKinds,
  type PaginatorArgs,
  pageField,
  pageRequest,
  walkOptions,
} from "./paginate.js";
export { type LoginOperation, type SessionAuth, type SessionAuthConfig, sessionAuth } from "./session-auth.js";
export type { ParsedVendorError, VendorDefinition } from "./vendor.js";
// What a vendor's webhook verifier is built from: the delivery read once, its headers, the timestamp window.
export {
  checkTimestamp,
  constantTimeEqual,
  parseEventBody,
  readDelivery,
  requireHeaders,
} from "./webhook-verification.js";

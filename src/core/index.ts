// The public surface of crm-kit's runtime; vendor modules import from here only.

export {
  ApiError,
  type ApiErrorInit,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "./api-error.js";
export { type AuthContext, type AuthStrategy, assertSecret, bearerAuth, type LoginClient } from "./auth.js";
export { type CrmClient, createCrmClient } from "./client.js";
export {
  ConnectionError,
  type ConnectionErrorInit,
  CrmKitError,
  PaginationError,
  type PaginationErrorInit,
  ResponseParseError,
  type ResponseParseErrorInit,
  TimeoutError,
  type TimeoutErrorInit,
} from "./errors.js";
export type { LogEvent } from "./log.js";
export type { CallOverrides, CommonClientOptions, RetryOptions } from "./options.js";
export {
  DEFAULT_MAX_PAGES,
  fetchListPage,
  type ListPageRequest,
  type PageFieldKinds,
  type PageStrategy,
  type PaginateOptions,
  type Paginator,
  pageField,
  paginate,
} from "./paginate.js";
export { REDACTED } from "./redact.js";
export { type LoginOperation, type SessionAuth, type SessionAuthConfig, sessionAuth } from "./session-auth.js";
export { type FetchResultLike, type UnwrappedData, unwrap } from "./unwrap.js";
export type { ParsedVendorError, VendorDefinition } from "./vendor.js";

// The public surface of crm-kit's runtime; vendor modules import from here only.
export { createCrmClient, type CrmClient } from "./client.js";
export type { CallOverrides, CommonClientOptions, RetryOptions } from "./options.js";
export type { ParsedVendorError, VendorDefinition } from "./vendor.js";
export type { LogEvent } from "./log.js";
export { assertSecret, bearerAuth, type AuthStrategy } from "./auth.js";
export { sessionAuth, type SessionAuth, type SessionAuthConfig } from "./session-auth.js";
export { unwrap, type FetchResultLike, type UnwrappedData } from "./unwrap.js";
export { paginate, type PageStrategy, type PaginateOptions, type Paginator } from "./paginate.js";
export {
  CrmKitError,
  ConnectionError,
  TimeoutError,
  ResponseParseError,
  PaginationError,
  type ConnectionErrorInit,
  type TimeoutErrorInit,
  type ResponseParseErrorInit,
} from "./errors.js";
export {
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  type ApiErrorInit,
} from "./api-error.js";
export { REDACTED } from "./redact.js";

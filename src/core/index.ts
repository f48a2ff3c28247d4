// `crm-kit`: what an app using a vendor client needs (errors, `unwrap`, `paginate`, the option and result types).
// What a vendor module needs to build a client is in vendor-kit.ts (`crm-kit/vendor-kit`).

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
export type { CrmClient } from "./client.js";
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
export { createRateLimiter } from "./pace-options.js";
export { DEFAULT_MAX_PAGES, type PageStrategy, type PaginateOptions, type Paginator, paginate } from "./paginate.js";
export { type Progress, type ProgressOptions, type ProgressTracker, trackProgress } from "./progress.js";
export type {
  RateLimiter,
  RateLimitOption,
  RateLimitOutcome,
  RateLimitPermit,
  RateLimitTicket,
  RateLimitWindow,
} from "./rate-limiter.js";
export { REDACTED } from "./redact.js";
export { type FetchResultLike, type UnwrappedData, unwrap } from "./unwrap.js";
export {
  type RawWebhookDelivery,
  type VerifyWebhookOptions,
  type WebhookCheck,
  type WebhookDeliveryInput,
  WebhookVerificationError,
} from "./webhook-verification.js";

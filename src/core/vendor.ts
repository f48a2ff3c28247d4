import type { PaceRule } from "./documented-limits.js";

/** The fields every vendor's error body is mapped onto, so that `ApiError` looks the same for all vendors. */
export interface ParsedVendorError {
  /** Vendor error code, e.g. "company_not_found" (absent when the body has none). */
  code?: string | undefined;
  /** Human-readable explanation from the vendor (absent when the body has none). */
  message?: string | undefined;
  /** Vendor request id to quote to its support (absent when the body has none). */
  requestId?: string | undefined;
  /** Request field the vendor blames, e.g. "email" (absent when the body has none). */
  param?: string | undefined;
}

/** What a vendor module tells the core about its API. */
export interface VendorDefinition {
  /** Short name used in messages and log events, e.g. "featurebase". */
  name: string;
  /** Production base URL, used when `options.baseUrl` is absent. */
  defaultBaseUrl: string;
  /**
   * Maps the vendor's error body onto common fields. `body` is the parsed JSON, or the raw text when the
   * body is not JSON (an HTML 502 page), or undefined when there is no body. Must not throw; if it does, the
   * core ignores it so that a parser bug never hides the HTTP error.
   */
  parseError(body: unknown): ParsedVendorError;
  /** Header names whose values are secret besides Authorization, e.g. ["X-Session-Token"] (default: none). */
  secretHeaders?: readonly string[] | undefined;
  /**
   * Serializes query objects for every call (default: openapi-fetch's, which handles one level of nesting).
   * folk needs two: `filter[name][like]=acme`. A call's own `querySerializer` still wins.
   */
  querySerializer?: ((query: Record<string, unknown>) => string) | undefined;
  /**
   * The operations a replay cannot apply twice by the vendor's own definition (an upsert by external id, a PATCH
   * that sets fields), as "METHOD /path/template": retried after a 5xx, a reset or a timeout like a GET. Generated
   * from the spec's `x-crm-kit-idempotent` into generated/<api>.retry.ts (default: none; other POSTs and PATCHes
   * are retried only when the server cannot have acted on them).
   */
  idempotentOperations?: ReadonlySet<string> | undefined;
  /**
   * The vendor's published rate limits, which a client's `rateLimit: "documented"` paces to (default: none; a
   * 429's Retry-After is still honoured by every call).
   */
  rateLimits?: readonly PaceRule[] | undefined;
}

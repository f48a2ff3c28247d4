/**
 * What the core needs to know about emnify: its production URL and its error body
 * (https://docs.emnify.com/developers/api-guidelines/errors):
 *   { "error_code": 1400, "error_token": "InputValidationFailed", "message": "…", "errors": [{ error_code, error_token, message }] }
 */
import { idempotentOperations } from "../../generated/emnify.retry.js";
import { DOCUMENTED_RATE_LIMITS, type ParsedVendorError, type VendorDefinition } from "../core/vendor-kit.js";

/**
 * `ApiError.code` is the `error_token` ("TokenExpired", "InputValidationFailed"): a stable name that reads on
 * its own in a message and a `switch`. The numeric `error_code` (1103, 1400) is the fallback when a body has
 * no token, and stays available in `error.body.error_code`.
 */
export function parseEmnifyError(body: unknown): ParsedVendorError {
  if (!isRecord(body)) return {};
  const { error_code: errorCode, error_token: errorToken, message, errors } = body;
  // A 422 says only "InputValidationFailed" at the top; the reasons ("type is required") are in errors[].
  const details = (Array.isArray(errors) ? errors : [])
    .map((detail) => (isRecord(detail) && typeof detail.message === "string" ? detail.message : undefined))
    .filter((detail): detail is string => detail !== undefined && detail !== "");
  const head = typeof message === "string" && message !== "" ? message : undefined;
  const text = [head, details.join("; ") || undefined].filter(Boolean).join(": ");
  return {
    code: typeof errorToken === "string" && errorToken !== "" ? errorToken : typeof errorCode === "number" ? String(errorCode) : undefined,
    message: text === "" ? undefined : text,
    param: details.length > 0 ? fieldNamedBy(details[0] as string) : undefined,
  };
}

// emnify's detail messages usually open with the field ("type is required", "email has an invalid format"); a
// message that does not ("Country with id 999 not found") names no param rather than a wrong one.
function fieldNamedBy(detail: string): string | undefined {
  return /^([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*) (?:is|has|must|should|cannot|may not)\b/.exec(detail)?.[1];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export const emnifyVendor: VendorDefinition = {
  name: "emnify",
  // The operations the spec marks x-crm-kit-idempotent: retried after a 5xx or a timeout, like a GET.
  idempotentOperations,
  defaultBaseUrl: "https://cdn.emnify.net",
  rateLimits: DOCUMENTED_RATE_LIMITS.emnify,
  parseError: parseEmnifyError,
};

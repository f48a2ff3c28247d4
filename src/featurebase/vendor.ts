/**
 * What the core needs to know about Featurebase: its production URL and its error body. Featurebase documents
 * `{ error: { type, code, message, param?, status } }`, but the live API also answers with flat bodies:
 * `{ success: false, message: "Invalid API Key" }` for a bad key and `{ code: 400, message: "Validation error: …" }`
 * when a body fails validation (specs/featurebase/README.md).
 */
import { idempotentOperations } from "../../generated/featurebase.retry.js";
import { DOCUMENTED_RATE_LIMITS, type VendorDefinition } from "../core/vendor-kit.js";

export const featurebaseVendor: VendorDefinition = {
  name: "featurebase",
  // The operations the spec marks x-crm-kit-idempotent: retried after a 5xx or a timeout, like a GET.
  idempotentOperations,
  defaultBaseUrl: "https://do.featurebase.app",
  rateLimits: DOCUMENTED_RATE_LIMITS.featurebase,
  parseError(body) {
    if (typeof body !== "object" || body === null) return {};
    const { error, message } = body as { error?: unknown; message?: unknown };
    if (typeof error === "object" && error !== null) {
      const { code, type, message: errorMessage, param } = error as Record<string, unknown>;
      return {
        code: typeof code === "string" ? code : typeof type === "string" ? type : undefined,
        message: typeof errorMessage === "string" ? errorMessage : undefined,
        param: typeof param === "string" ? param : undefined,
      };
    }
    // The flat bodies carry no error code: their numeric `code` only repeats the HTTP status.
    return { message: typeof message === "string" ? message : undefined };
  },
};

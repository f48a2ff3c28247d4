/**
 * What the core needs to know about folk: its production URL, its query serializer and its error body
 * (https://developer.folk.app/api-reference/errors):
 *   { "error": { "code", "message", "documentationUrl", "requestId", "timestamp", "details"? } }
 */
import { idempotentOperations } from "../../generated/folk.retry.js";
import { DOCUMENTED_RATE_LIMITS, type VendorDefinition } from "../core/vendor-kit.js";
import { serializeFolkQuery } from "./query.js";

/** Maps folk's error body; on a 422, `param` is the path of the first Zod issue, e.g. "emails". */
export const folkVendor: VendorDefinition = {
  name: "folk",
  // The operations the spec marks x-crm-kit-idempotent: retried after a 5xx or a timeout, like a GET.
  idempotentOperations,
  defaultBaseUrl: "https://api.folk.app",
  // Two-level deepObject filters (filter[name][like]=acme) that openapi-fetch's default cannot write.
  querySerializer: serializeFolkQuery,
  rateLimits: DOCUMENTED_RATE_LIMITS.folk,
  parseError(body) {
    const error = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
    // A body without folk's envelope (a gateway's or proxy's `{ "message": … }`) still gives its message.
    if (typeof error !== "object" || error === null) return { message: topLevelMessage(body) };
    const { code, message, requestId, details } = error as Record<string, unknown>;
    return {
      code: typeof code === "string" ? code : undefined,
      message: typeof message === "string" ? message : undefined,
      requestId: typeof requestId === "string" ? requestId : undefined,
      param: firstIssuePath(details),
    };
  },
};

function topLevelMessage(body: unknown): string | undefined {
  const message = typeof body === "object" && body !== null ? (body as { message?: unknown }).message : undefined;
  return typeof message === "string" ? message : undefined;
}

// 422 bodies carry `details.issues`, Zod issues with a `path`.
function firstIssuePath(details: unknown): string | undefined {
  const issues = typeof details === "object" && details !== null ? (details as { issues?: unknown }).issues : undefined;
  const path = Array.isArray(issues) ? (issues[0] as { path?: unknown } | undefined)?.path : undefined;
  return Array.isArray(path) && path.length > 0 ? path.join(".") : undefined;
}

/**
 * What the core needs to know about Kare: its production URL, its error body and its secret session header.
 * Kare documents no error body. It runs behind AWS API Gateway, whose own errors are `{"message": "..."}`
 * (`{"Message": "..."}` for IAM denials); there is no error code, request id or field in the body.
 */
import { idempotentOperations } from "../../generated/kare.retry.js";
import { DOCUMENTED_RATE_LIMITS, type VendorDefinition } from "../core/vendor-kit.js";
import { SESSION_HEADER } from "./paths.js";

export const kareVendor: VendorDefinition = {
  name: "kare",
  // The operations the spec marks x-crm-kit-idempotent: retried after a 5xx or a timeout, like a GET.
  idempotentOperations,
  // Stage `main` is part of the URL; openapi-fetch appends operation paths (/companies/v2/rs) to it.
  defaultBaseUrl: "https://z52mnqg347.execute-api.eu-west-3.amazonaws.com/main",
  rateLimits: DOCUMENTED_RATE_LIMITS.kare,
  parseError(body) {
    if (typeof body !== "object" || body === null) return {};
    const { message, Message } = body as Record<string, unknown>;
    const text = typeof message === "string" ? message : typeof Message === "string" ? Message : undefined;
    return { message: text };
  },
  secretHeaders: [SESSION_HEADER],
};

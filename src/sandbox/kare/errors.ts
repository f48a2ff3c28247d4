/**
 * Kare's error body. Kare documents none; it runs behind AWS API Gateway, whose own errors are
 * `{"message": "..."}`, so the sandbox answers in that shape (as the spec's examples do).
 */
import type { VendorErrors } from "../types.js";
import type { NotFoundFailure, UnknownReferenceFailure } from "./store.js";

export function kareError<Status extends number>(status: Status, message: string) {
  return { status, body: { message } };
}

/** 401 for a call without a live session: no X-Session-Token, one never issued, or an expired one. */
export function sessionRefused() {
  return kareError(401, "Unauthorized");
}

export function notFound(failure: NotFoundFailure) {
  return kareError(404, `${failure.kind === "company" ? "Company" : "Contact"} ${failure.id} not found`);
}

/** 400 for a create naming a label or installation the organization does not have [the sandbox's choice]. */
export function unknownReference(failure: UnknownReferenceFailure) {
  return kareError(400, `${failure.field}: no ${failure.field === "labelIds" ? "label" : "technical installation"} ${failure.id}`);
}

// API Gateway's own messages for a failing or slow integration.
const GATEWAY_MESSAGES: Readonly<Record<number, string>> = {
  502: "Internal server error",
  503: "Service Unavailable",
  504: "Endpoint request timed out",
};

export const kareErrors: VendorErrors = {
  invalidRequest(problems) {
    return kareError(400, problems.map((p) => p.message).join("; "));
  },
  // API Gateway answers a path or method it does not route with 403 "Missing Authentication Token".
  unknownRoute() {
    return kareError(403, "Missing Authentication Token");
  },
  unauthorized() {
    return kareError(401, "Unauthorized");
  },
  // API Gateway's answer to a payload over its 10 MB limit.
  tooLarge() {
    return kareError(413, "Request Too Long");
  },
  failure(status) {
    return { message: GATEWAY_MESSAGES[status] ?? "Internal server error" };
  },
};

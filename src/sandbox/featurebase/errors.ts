/**
 * Featurebase's error envelope, `{ error: { type, code, message, param?, status } }`
 * (https://docs.featurebase.app/rest-api, "Error Response Format"), for the sandbox's answers.
 */
import type { components } from "../../../generated/featurebase.js";
import type { RequestProblem, VendorErrors } from "../types.js";
import type { FeaturebaseFailure, NotFoundFailure } from "./store.js";

type BadRequestBody = components["schemas"]["BadRequestError"];
type NotFoundBody = components["schemas"]["NotFoundError"];

export function badRequest(code: string, message: string, param?: string): { status: 400; body: BadRequestBody } {
  return { status: 400, body: { error: { type: "invalid_request_error", code, message, ...(param ? { param } : {}), status: 400 } } };
}

export function notFound(message: string, param?: string): { status: 404; body: NotFoundBody } {
  return {
    status: 404,
    body: { error: { type: "invalid_request_error", code: "resource_not_found", message, ...(param ? { param } : {}), status: 404 } },
  };
}

type FailureReply<F extends FeaturebaseFailure> = F extends NotFoundFailure ? ReturnType<typeof notFound> : ReturnType<typeof badRequest>;

/** The documented error for a store failure: 404 naming the missing id, or 400. */
export function failureReply<F extends FeaturebaseFailure>(failure: F): FailureReply<F> {
  return replyFor(failure) as FailureReply<F>;
}

function replyFor(failure: FeaturebaseFailure) {
  switch (failure.failure) {
    case "notFound": {
      const noun = failure.kind === "company" ? "Company" : "Contact";
      const key = failure.param === "companyId" || failure.param === "userId" ? failure.param : "id";
      return notFound(`${noun} with ${key} ${failure.value} not found`, failure.param);
    }
    case "notAttached":
      return badRequest("invalid_request", `Contact ${failure.contactId} is not attached to company ${failure.companyId}`, "contactId");
    case "notCustomer":
      return badRequest("invalid_request", `Contact ${failure.contactId} exists but is not a customer`, "id");
    case "invalidCursor":
      return badRequest("invalid_parameter", `cursor ${JSON.stringify(failure.cursor)} is not a cursor from a previous page`, "cursor");
  }
}

export const featurebaseErrors: VendorErrors = {
  invalidRequest(problems: RequestProblem[]) {
    const first = problems[0];
    return badRequest("invalid_parameter", problems.map((p) => p.message).join("; "), first?.field.split(".")[0] || undefined);
  },
  unknownRoute(method, url) {
    return notFound(`No route ${method} ${url}`);
  },
  // Featurebase documents no body limit or 413; its envelope with the status is assumed.
  tooLarge(limitBytes) {
    const message = `The request body is larger than ${limitBytes} bytes`;
    return { status: 413, body: { error: { type: "invalid_request_error", code: "payload_too_large", message, status: 413 } } };
  },
  unauthorized() {
    return {
      status: 401,
      body: {
        error: {
          type: "authentication_error",
          code: "invalid_api_key",
          message: "Send your API key as Authorization: Bearer sk_...",
          status: 401,
        },
      },
    };
  },
};

/**
 * emnify's error body, `{ error_code, error_token, message, errors?[] }`
 * (https://docs.emnify.com/developers/api-guidelines/errors), for the sandbox's answers.
 */
import type { components } from "../../../generated/emnify.js";
import type { RequestProblem, VendorErrors } from "../types.js";
import type { EmnifyFailure, NotFoundFailure } from "./store.js";

type ErrorBody = components["schemas"]["Error"];

export function emnifyError<Status extends number>(status: Status, code: number, token: string, message: string) {
  return { status, body: { error_code: code, error_token: token, message } satisfies ErrorBody };
}

/**
 * 401 for an expired auth_token (1103 TokenExpired) or an unknown one (1102 InvalidToken), as the error guideline
 * documents. A token that is not a JWT at all gets what the live API answers instead: the gateway's message alone,
 * with no error code (recorded in emnify/emnify-sdk-python's cassettes; see specs/emnify UnauthorizedError).
 */
export function tokenRefused(expired: boolean, token?: string) {
  if (expired) return emnifyError(401, 1103, "TokenExpired", "Token expired");
  if (token !== undefined && token.split(".").length !== 3) {
    return { status: 401 as const, body: { message: "token contains an invalid number of segments" } };
  }
  return emnifyError(401, 1102, "InvalidToken", "Invalid token");
}

/**
 * 400 BadRequest (1000) for a path ID that is not a number, as the live API answers it ("Cannot parse parameter id
 * as Long: …", recorded in emnify/emnify-sdk-python's cassettes); its docs list no 400.
 */
export function unparsableParameter(problem: RequestProblem) {
  return emnifyError(400, 1000, "BadRequest", `Cannot parse parameter ${problem.field} as Long: ${problem.message}`);
}

/** 422 InputValidationFailed listing each problem: 1402 Required, 1401 InvalidReference, else 1403 InvalidFormat. */
export function validationFailed(problems: ReadonlyArray<{ message: string; code?: number }>) {
  const errors = problems.map(({ message, code }) => {
    const errorCode = code ?? (/ is required$/.test(message) ? 1402 : 1403);
    return { error_code: errorCode, error_token: DETAIL_TOKENS[errorCode] ?? "InvalidFormat", message };
  });
  return {
    status: 422 as const,
    body: { error_code: 1400, error_token: "InputValidationFailed", message: "InputValidationFailed", errors },
  };
}

const DETAIL_TOKENS: Readonly<Record<number, string>> = { 1401: "InvalidReference", 1402: "Required", 1403: "InvalidFormat" };

/** 404 NotFound for a contact the organisation does not have. */
export function notFound(failure: NotFoundFailure) {
  return emnifyError(404, 1201, "NotFound", `Contact with id ${failure.contactId} not found`);
}

/** The documented error for a store failure. */
export function failureReply(failure: EmnifyFailure) {
  switch (failure.failure) {
    case "notFound":
      return notFound(failure);
    case "notAllowed":
      return emnifyError(409, 1406, "NotAllowed", failure.message);
    case "invalidReference":
      return validationFailed([{ message: failure.message, code: 1401 }]);
  }
}

export const emnifyErrors: VendorErrors = {
  invalidRequest(problems: RequestProblem[]) {
    const pathProblem = problems.find((p) => p.in === "path");
    if (pathProblem) return unparsableParameter(pathProblem);
    return validationFailed(problems.map((p) => ({ message: p.message.replace(/ is not a known field$/, " must not be sent") })));
  },
  unknownRoute(method, url) {
    return emnifyError(404, 1201, "NotFound", `No route ${method} ${url}`);
  },
  // emnify documents no body limit or 413; its envelope with the status as error_code is assumed.
  tooLarge(limitBytes) {
    return emnifyError(413, 413, "PayloadTooLarge", `The request body is larger than ${limitBytes} bytes`);
  },
  unauthorized() {
    return tokenRefused(false);
  },
  // emnify documents no 5xx body; its error envelope is assumed.
  failure(status) {
    return status === 503
      ? { error_code: status, error_token: "ServiceUnavailable", message: "Service unavailable" }
      : { error_code: status, error_token: "InternalServerError", message: "Internal server error" };
  },
};

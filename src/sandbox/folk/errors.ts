/**
 * folk's error envelope, `{ error: { code, message, documentationUrl, requestId, timestamp, details? } }`
 * (https://developer.folk.app/api-reference/errors); validation failures list Zod-style issues.
 */
import type { components } from "../../../generated/folk.js";
import type { RequestProblem, VendorErrors } from "../types.js";
import type { FolkFailure, FolkIssue, RecordKind } from "./model.js";

type ErrorBody = components["schemas"]["Error"];
type ValidationErrorBody = components["schemas"]["ValidationError"];

const DOCS = "https://developer.folk.app/api-reference/errors";

function envelope(code: string, message: string, anchor: string) {
  return { code, message, documentationUrl: `${DOCS}#${anchor}`, requestId: crypto.randomUUID(), timestamp: new Date().toISOString() };
}

export function badRequest(message: string): { status: 400; body: ErrorBody } {
  return { status: 400, body: { error: envelope("INVALID_REQUEST", message, "bad-request") } };
}

export function notFound(message: string): { status: 404; body: ErrorBody } {
  return { status: 404, body: { error: envelope("RESOURCE_NOT_FOUND", message, "not-found") } };
}

export function unprocessable(message: string, issues: FolkIssue[]): { status: 422; body: ValidationErrorBody } {
  return { status: 422, body: { error: { ...envelope("UNPROCESSABLE_ENTITY", message, "unprocessable-entity"), details: { issues } } } };
}

type FailureReply<F extends FolkFailure> = F extends { failure: "notFound" }
  ? ReturnType<typeof notFound>
  : ReturnType<typeof unprocessable>;

const NOUNS: Record<RecordKind, string> = {
  company: "Company",
  person: "Person",
  object: "Object",
  entity: "Entity",
  group: "Group",
  objectType: "Object type",
  user: "User",
  note: "Note",
  reminder: "Reminder",
  webhook: "Webhook",
};

/** The documented error for a store failure: 404 naming the id, or 422 naming the field. */
export function failureReply<F extends FolkFailure>(failure: F): FailureReply<F> {
  const reply =
    failure.failure === "notFound"
      ? notFound(`${NOUNS[failure.kind]} ${failure.id} was not found${failure.within ? ` in ${failure.within}` : ""}`)
      : unprocessable(failure.message, failure.issues);
  return reply as FailureReply<F>;
}

/** Ajv's keyword as the Zod issue code folk reports. */
function zodIssue(problem: RequestProblem): FolkIssue {
  const bound = problem.limit === undefined ? {} : { [problem.rule.startsWith("max") ? "maximum" : "minimum"]: problem.limit };
  const code: Record<string, string> = {
    maxItems: "too_big",
    maxLength: "too_big",
    maximum: "too_big",
    minItems: "too_small",
    minLength: "too_small",
    minimum: "too_small",
    required: "invalid_type",
    type: "invalid_type",
    enum: "invalid_enum_value",
    pattern: "invalid_string",
    format: "invalid_string",
    additionalProperties: "unrecognized_keys",
  };
  return { code: code[problem.rule] ?? "custom", message: problem.message, path: problem.path, ...bound };
}

export const folkErrors: VendorErrors = {
  invalidRequest(problems) {
    if (problems.some((p) => p.rule === "parse")) return badRequest(problems.map((p) => p.message).join("; "));
    const where = problems.every((p) => p.in === "body") ? "Invalid request body" : "Invalid query parameters";
    return unprocessable(`${where}: ${problems.map((p) => p.message).join("; ")}`, problems.map(zodIssue));
  },
  unknownRoute(method, url) {
    return notFound(`No route ${method} ${url}`);
  },
  // folk documents no body limit or 413; its envelope with the status is assumed.
  tooLarge(limitBytes) {
    return {
      status: 413,
      body: { error: envelope("PAYLOAD_TOO_LARGE", `The request body is larger than ${limitBytes} bytes`, "bad-request") },
    };
  },
  unauthorized() {
    return { status: 401, body: { error: envelope("UNAUTHORIZED", "Send your API key as Authorization: Bearer <key>", "unauthorized") } };
  },
};

/**
 * The part of every API's contract suite that is the same for all vendors: each operation in the
 * spec has a contract call, and each documented error status, served by the mock from the spec's own
 * example, reaches the caller as the right typed error with the vendor's fields mapped.
 */
import { describe, expect, it } from "vitest";
import type { LoadedSpec } from "../../scripts/lib/spec-operations.js";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  unwrap,
} from "../../src/core/index.js";
import { prefer, requestViolationPaths } from "./mocks.js";

/** Calls one operation through the client, with extra headers (Prefer) merged into its request. */
export type ContractCall = (headers: Record<string, string>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

export interface ErrorExpectation {
  /** The vendor error code the client should report for this documented example body (undefined when the body has none). */
  code(example: unknown): string | undefined;
  /** The message the client should report for this example body. */
  message(example: unknown): string | undefined;
}

const classForStatus: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

export function errorClassFor(status: number): typeof ApiError {
  return classForStatus[status] ?? (status >= 500 ? InternalServerError : ApiError);
}

/** The example a spec documents for one operation's response status (the first one when there are several). */
export function documentedExample(spec: LoadedSpec, operationId: string, status: number): unknown {
  const op = spec.operations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId} in the spec`);
  const media = spec.document.paths[op.path][op.method.toLowerCase()].responses[String(status)]?.content?.["application/json"];
  if (!media) return undefined;
  if ("example" in media) return media.example;
  const first = Object.values<{ value: unknown }>(media.examples ?? {})[0];
  return first?.value;
}

export function describeDocumentedErrors(
  api: string,
  spec: LoadedSpec,
  calls: Record<string, ContractCall>,
  expectation: ErrorExpectation,
) {
  describe(`${api}: every operation × documented error status`, () => {
    it("has a contract call for every operation in the spec, and none for unknown ones", () => {
      expect(Object.keys(calls).sort()).toEqual(spec.operations.map((o) => o.operationId).sort());
    });

    for (const op of spec.operations) {
      const call = calls[op.operationId];
      for (const status of op.statuses.filter((s) => s >= 400)) {
        const ErrorClass = errorClassFor(status);
        it(`${op.operationId}: ${status} maps to ${ErrorClass.name}`, async () => {
          if (!call) throw new Error(`no contract call for ${op.operationId}`);
          const example = documentedExample(spec, op.operationId, status);

          const result = await call(prefer(status));
          expect(result.response.status).toBe(status);
          // The call is valid: the status comes from Prefer, not from a request Prism rejected.
          expect(requestViolationPaths(result.response)).toEqual([]);
          expect(result.data).toBeUndefined();
          expect(result.error).toEqual(example);

          const thrown = await unwrap(call(prefer(status))).then(
            () => {
              throw new Error(`expected ${ErrorClass.name}, the call succeeded`);
            },
            (error: unknown) => error,
          );
          expect(thrown).toBeInstanceOf(ErrorClass);
          const apiError = thrown as ApiError;
          expect(apiError.status).toBe(status);
          expect(apiError.body).toEqual(example);
          expect(apiError.code).toBe(expectation.code(example));
          const message = expectation.message(example);
          if (message !== undefined) expect(apiError.message).toContain(message);
        });
      }
    }
  });
}

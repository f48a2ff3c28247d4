/**
 * `sandbox.failNext(count, failure)`: the next `count` calls (of one operation, or any) fail as asked, so that a
 * client's retries, timeouts and non-replay of writes can be exercised end to end.
 */
import type { CallEffect, Interceptor } from "./engine.js";
import { failureBody, operationIdsOf } from "./failure-body.js";
import type { VendorSandbox } from "./types.js";

/**
 * One kind of injected failure. At least one of `status`, `delayMs` or `stallBody` is required. `OperationId` is
 * the API's operationIds (`Sandbox<"folk">` takes folk's only).
 */
export interface InjectedFailure<OperationId extends string = string> {
  /** Answer with this status (400-599) and the vendor's documented body for it, instead of the handler's reply. */
  status?: number;
  /** Only calls of this operation fail (default: any call). */
  operationId?: OperationId;
  /** Answer after this many ms: the injected status, or without one the real reply, late. Ends when the caller aborts. */
  delayMs?: number;
  /**
   * Send the status, headers and the first half of the body, then stall until the caller aborts (or the server
   * closes). With `status`, the body is the failure's; without, the real reply's (the handler has run).
   */
  stallBody?: boolean;
  /** With `status`: run the handler first, so its change is applied, then answer the failure (default false). */
  applied?: boolean;
}

const FIELDS = ["status", "operationId", "delayMs", "stallBody", "applied"] as const;

interface Pending {
  remaining: number;
  failure: InjectedFailure;
}

/** The queue of injected failures of one sandbox, and the interceptor that serves them in order. */
export function createFailureQueue(vendor: VendorSandbox): {
  failNext(count: number, failure: InjectedFailure): void;
  intercept: Interceptor;
  clear(): void;
} {
  const pending: Pending[] = [];
  const operationIds = operationIdsOf(vendor);
  return {
    failNext(count, failure) {
      check(count, failure, operationIds, vendor.api);
      pending.push({ remaining: count, failure: { ...failure } });
    },
    intercept(call): CallEffect | undefined {
      const index = pending.findIndex((p) => p.failure.operationId === undefined || p.failure.operationId === call.operationId);
      const entry = pending[index];
      if (!entry) return undefined;
      entry.remaining -= 1;
      if (entry.remaining === 0) pending.splice(index, 1);
      const { status, delayMs, stallBody, applied } = entry.failure;
      return {
        ...(status === undefined
          ? {}
          : { reply: { status, body: failureBody(vendor, call.operationId, status) }, applied: applied === true }),
        ...(delayMs === undefined ? {} : { delayMs }),
        ...(stallBody ? { stallBody } : {}),
      };
    },
    clear() {
      pending.length = 0;
    },
  };
}

function check(count: unknown, failure: unknown, operationIds: string[], api: string): asserts failure is InjectedFailure {
  const where = "sandbox.failNext";
  if (!Number.isSafeInteger(count) || (count as number) < 1) {
    throw new TypeError(`${where}: count must be a positive integer, got ${JSON.stringify(count)}`);
  }
  if (typeof failure !== "object" || failure === null || Array.isArray(failure)) {
    throw new TypeError(`${where}: the failure must be an object with any of ${FIELDS.join(", ")}`);
  }
  const given = failure as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    if (!(FIELDS as readonly string[]).includes(name)) {
      throw new TypeError(`${where}: unknown field "${name}" (valid: ${FIELDS.join(", ")})`);
    }
  }
  const { status, operationId, delayMs, stallBody, applied } = given;
  const rules: Array<[broken: boolean, problem: string]> = [
    [
      status !== undefined && !(Number.isInteger(status) && (status as number) >= 400 && (status as number) <= 599),
      `status must be an integer 400-599, got ${JSON.stringify(status)}`,
    ],
    [
      operationId !== undefined && !operationIds.includes(operationId as string),
      `operationId ${JSON.stringify(operationId)} is not an operation of ${api} (valid: ${operationIds.join(", ")})`,
    ],
    [
      delayMs !== undefined && !(Number.isSafeInteger(delayMs) && (delayMs as number) >= 0),
      `delayMs must be a non-negative integer, got ${JSON.stringify(delayMs)}`,
    ],
    [stallBody !== undefined && typeof stallBody !== "boolean", `stallBody must be true or false, got ${JSON.stringify(stallBody)}`],
    [applied !== undefined && typeof applied !== "boolean", `applied must be true or false, got ${JSON.stringify(applied)}`],
    [applied === true && status === undefined, "applied needs a status: it answers that status after the handler ran"],
    [status === undefined && delayMs === undefined && stallBody !== true, "give a status, a delayMs or stallBody: true"],
  ];
  const problem = rules.find(([broken]) => broken)?.[1];
  if (problem) throw new TypeError(`${where}: ${problem}`);
}

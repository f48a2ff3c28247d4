/** The body of an injected failure or a rate limit, in the vendor's own envelope. */
import { responseExamples } from "./spec-examples.js";
import type { VendorSandbox } from "./types.js";

const STATUS_TEXT: Readonly<Record<number, string>> = {
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/**
 * In order: the spec's example of this status for the operation, the vendor's `errors.failure`, the spec's
 * example of this status for any operation, and last `{ "message": "<status text>" }`.
 */
export function failureBody(vendor: VendorSandbox, operationId: string, status: number): unknown {
  return (
    exampleOf(vendor, operationId, status) ??
    vendor.errors.failure?.(status, operationId) ??
    anyExampleOf(vendor, status) ?? { message: STATUS_TEXT[status] ?? `HTTP ${status}` }
  );
}

function exampleOf(vendor: VendorSandbox, operationId: string, status: number): unknown {
  try {
    return responseExamples(vendor.document, operationId, status)[0];
  } catch {
    return undefined; // the spec documents no example of this status for the operation
  }
}

function anyExampleOf(vendor: VendorSandbox, status: number): unknown {
  for (const operationId of operationIdsOf(vendor)) {
    const example = exampleOf(vendor, operationId, status);
    if (example !== undefined) return example;
  }
  return undefined;
}

/** Every operationId of the vendor's bundled spec, in the order the spec lists them. */
export function operationIdsOf(vendor: VendorSandbox): string[] {
  const paths = (vendor.document.paths ?? {}) as Record<string, Record<string, { operationId?: unknown }>>;
  return Object.values(paths).flatMap((item) =>
    Object.values(item).flatMap((operation) =>
      typeof operation === "object" && operation !== null && typeof operation.operationId === "string" ? [operation.operationId] : [],
    ),
  );
}

/** The body of an injected failure or a rate limit, in the vendor's own envelope. */
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

/** The first example of the operation's response with this status, its `$ref`s followed. */
function exampleOf(vendor: VendorSandbox, operationId: string, status: number): unknown {
  const paths = (vendor.document.paths ?? {}) as Record<string, Record<string, Node>>;
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      if (typeof operation !== "object" || operation === null || operation.operationId !== operationId) continue;
      const response = resolve(vendor, (operation.responses as Record<string, Node> | undefined)?.[String(status)]);
      const media = resolve(vendor, (response?.content as Record<string, Node> | undefined)?.["application/json"]);
      if (!media) return undefined;
      if ("example" in media) return structuredClone(media.example);
      const [first] = Object.values((media.examples ?? {}) as Record<string, Node>);
      const example = resolve(vendor, first);
      return example ? structuredClone(example.value) : undefined;
    }
  }
  return undefined;
}

type Node = { readonly [key: string]: unknown };

/** Follows a local `$ref` ("#/components/responses/TooManyRequests") of the bundled spec. */
function resolve(vendor: VendorSandbox, node: Node | undefined): Node | undefined {
  let current = node;
  for (let hops = 0; typeof current?.$ref === "string" && hops < 10; hops++) {
    const segments = current.$ref
      .replace(/^#\//, "")
      .split("/")
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    current = segments.reduce<Node | undefined>((at, key) => at?.[key] as Node | undefined, vendor.document);
  }
  return current;
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

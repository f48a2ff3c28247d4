/**
 * The operations of a spec and their documented statuses: what the contract coverage is measured
 * against, and how a served request is matched back to its operation.
 */
import { bundle, createConfig } from "@redocly/openapi-core";

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

/**
 * A node of a dereferenced OpenAPI document. Specs are untyped JSON walked by key (paths, parameters,
 * examples), so the nodes are `any` on purpose; every script that reads a spec uses this one alias.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above.
export type OpenApiNode = Record<string, any>;

export interface SpecOperation {
  operationId: string;
  /** Upper-case HTTP method. */
  method: string;
  /** Path template as written in the spec, e.g. /v2/companies/{id}. */
  path: string;
  /** Documented response statuses, numeric, sorted ("default" is not a status). */
  statuses: number[];
  /** Matches a concrete request path against the template. */
  matcher: RegExp;
}

export interface LoadedSpec {
  /** The spec with every $ref resolved. */
  document: OpenApiNode;
  operations: SpecOperation[];
}

/** Loads a spec (following $refs into sibling files) and lists its operations in spec order. */
export async function loadSpec(root: string): Promise<LoadedSpec> {
  return specFromDocument(await bundleSpec(root), root);
}

/** The spec with every $ref resolved (sibling files included): plain JSON, so it can be passed between processes. */
export async function bundleSpec(root: string): Promise<OpenApiNode> {
  const config = await createConfig({});
  const { bundle: result, problems } = await bundle({ ref: root, config, dereference: true });
  const fatal = problems.filter((p) => p.severity === "error");
  if (fatal.length > 0) {
    throw new Error(`${root}: cannot resolve the spec: ${fatal.map((p) => p.message).join("; ")}`);
  }
  return result.parsed as OpenApiNode;
}

/** The operations of an already bundled spec, in spec order; `root` only names the spec in errors. */
export function specFromDocument(document: OpenApiNode, root: string): LoadedSpec {
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries<OpenApiNode>(document.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      if (typeof op.operationId !== "string") {
        throw new Error(`${root}: ${method.toUpperCase()} ${path} has no operationId`);
      }
      const statuses = Object.keys(op.responses ?? {})
        .filter((s) => /^\d{3}$/.test(s))
        .map(Number)
        .sort((a, b) => a - b);
      operations.push({ operationId: op.operationId, method: method.toUpperCase(), path, statuses, matcher: pathMatcher(path) });
    }
  }
  return { document, operations };
}

/** Finds the operation a request was routed to, in spec order (static paths are listed first, as Prism matches). */
export function matchOperation(operations: SpecOperation[], method: string, pathname: string): SpecOperation | undefined {
  return operations.find((op) => op.method === method.toUpperCase() && op.matcher.test(pathname));
}

function pathMatcher(template: string): RegExp {
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${pattern}/?$`);
}

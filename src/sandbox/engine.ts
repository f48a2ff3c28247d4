/**
 * The request pipeline every vendor's sandbox shares. Routing by operationId and validation against the
 * bundled spec are openapi-backend's (with Ajv); the engine only turns a fetch Request into its input,
 * runs the interceptors, and answers a handler's typed reply, or the vendor's own error, as a Response.
 */
import addFormats from "ajv-formats";
import { OpenAPIBackend, type Operation, type Request as RoutedRequest } from "openapi-backend";
import { problemsOf } from "./request-problems.js";
import type { AnyReply, OperationShape, SandboxRequest, VendorSandbox } from "./types.js";

/** A routed call, as an interceptor sees it before validation and the handler. */
export interface SandboxCall {
  api: string;
  operationId: string;
  method: string;
  /** The path as the spec templates it (`/v2/companies/{id}`). */
  pathTemplate: string;
  url: URL;
}

/**
 * Runs after routing and before validation: returns a reply to answer the call with instead of its
 * handler (an injected failure, a rate limit), or undefined to let it through.
 */
export type Interceptor = (call: SandboxCall) => AnyReply | undefined | Promise<AnyReply | undefined>;

/** A sandbox response that breaks the spec: a bug in the sandbox, never the caller's fault. */
export class SandboxContractError extends Error {
  override name = "SandboxContractError";
}

const backends = new WeakMap<VendorSandbox, Promise<OpenAPIBackend>>();

/** One router and validator per vendor, shared by all its sandboxes: they hold no state. */
function backendOf(vendor: VendorSandbox): Promise<OpenAPIBackend> {
  let backend = backends.get(vendor);
  if (!backend) {
    const api = new OpenAPIBackend({
      definition: structuredClone(vendor.document) as never,
      // quick: the bundled document was checked by `npm run lint`; validators compile per operation on first use.
      quick: true,
      strict: true,
      coerceTypes: true,
      customizeAjv: (ajv) => {
        addFormats.default(ajv);
        return ajv;
      },
    });
    backend = api.init();
    backends.set(vendor, backend);
  }
  return backend;
}

/** The path prefix of the spec's first server URL (Kare's `/main`), which requests may carry or omit. */
function basePathOf(vendor: VendorSandbox): string {
  const servers = vendor.document.servers as Array<{ url?: string }> | undefined;
  const url = servers?.[0]?.url;
  return url ? new URL(url, "http://base.invalid").pathname.replace(/\/$/, "") : "";
}

export interface EngineOptions {
  /** Reject the call (a SandboxContractError) when a reply breaks the spec (default false). */
  validateResponses: boolean;
}

/** Answers one request against a vendor's store. */
export async function handleRequest(
  vendor: VendorSandbox,
  store: unknown,
  request: Request,
  interceptors: readonly Interceptor[],
  options: EngineOptions,
): Promise<Response> {
  const backend = await backendOf(vendor);
  const url = new URL(request.url);
  const basePath = basePathOf(vendor);
  const path = basePath && url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : url.pathname;
  const method = request.method.toLowerCase();
  const headers = Object.fromEntries(request.headers);
  const text = method === "get" || method === "head" ? "" : await request.text();
  const routed: RoutedRequest = { method, path, headers, query: url.search.slice(1), ...(text ? { body: text } : {}) };

  const operation = backend.router.matchOperation(routed) as Operation | undefined;
  if (!operation?.operationId) return toResponse(vendor.errors.unknownRoute(request.method, url.pathname));
  const { operationId } = operation;
  const call: SandboxCall = { api: vendor.api, operationId, method: request.method, pathTemplate: operation.path, url };
  for (const intercept of interceptors) {
    const reply = await intercept(call);
    if (reply) return toResponse(reply);
  }
  if (!hasCredentials(backend, operation, headers)) return toResponse(vendor.errors.unauthorized(operationId));

  const validation = backend.validator.validateRequest(routed, operation);
  if (!validation.valid) return toResponse(vendor.errors.invalidRequest(problemsOf(validation.errors ?? []), operationId));

  const parsed = backend.router.parseRequest(routed, operation);
  const handler = vendor.handlers[operationId];
  if (!handler) throw new SandboxContractError(`${vendor.api} sandbox: no handler for ${operationId}`);
  const input: SandboxRequest<OperationShape> = {
    path: validation.coerced?.params ?? parsed.params,
    query: validation.coerced?.query ?? parsed.query,
    body: parsed.requestBody,
    headers,
    url,
  };
  const reply = handler(input, store);
  if (options.validateResponses) {
    const result = backend.validateResponse(reply.body, operationId, reply.status);
    if (!result.valid || !documentedStatus(operation, reply.status)) {
      const why = result.errors?.map((e) => `${e.instancePath || "(body)"} ${e.message}`).join("; ") || "status not documented";
      throw new SandboxContractError(`${vendor.api} sandbox: ${operationId} answered ${reply.status} outside the spec: ${why}`);
    }
  }
  return toResponse(reply);
}

function documentedStatus(operation: Operation, status: number): boolean {
  return Object.hasOwn(operation.responses ?? {}, String(status));
}

/**
 * Whether the request carries what one of the operation's security requirements asks for: a bearer token
 * for an http bearer scheme, the named header for an apiKey scheme. The sandbox accepts any value.
 */
function hasCredentials(backend: OpenAPIBackend, operation: Operation, headers: Record<string, string>): boolean {
  const document = backend.definition as {
    security?: Array<Record<string, string[]>>;
    components?: { securitySchemes?: Record<string, unknown> };
  };
  const requirements = operation.security ?? document.security ?? [];
  if (requirements.length === 0) return true;
  const schemes = document.components?.securitySchemes ?? {};
  return requirements.some((requirement) =>
    Object.keys(requirement).every((name) => {
      const scheme = schemes[name] as { type?: string; scheme?: string; in?: string; name?: string } | undefined;
      if (scheme?.type === "http" && scheme.scheme?.toLowerCase() === "bearer") return /^Bearer \S+/i.test(headers.authorization ?? "");
      if (scheme?.type === "apiKey" && scheme.in === "header" && scheme.name) return Boolean(headers[scheme.name.toLowerCase()]);
      return true;
    }),
  );
}

function toResponse(reply: AnyReply): Response {
  const headers = new Headers(reply.headers);
  if (reply.body === undefined) return new Response(null, { status: reply.status, headers });
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify(reply.body), { status: reply.status, headers });
}

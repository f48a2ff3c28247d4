/**
 * The request pipeline every vendor's sandbox shares. Routing by operationId and validation against the
 * bundled spec are openapi-backend's (with Ajv); the engine only turns a fetch Request into its input,
 * runs the interceptors, and answers a handler's typed reply, or the vendor's own error, as a Response.
 */
import { problemsOf } from "./request-problems.js";
import { addFormats, OpenAPIBackend, type Operation, type Request as RoutedRequest } from "./third-party.js";
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
 * What an interceptor does to a call (an injected failure, a rate limit). Every field is optional: `{ headers }`
 * only adds headers to whatever the call answers.
 */
export interface CallEffect {
  /** Answer with this instead of the handler's reply. */
  reply?: AnyReply;
  /** Run the handler anyway (its state change stays) and answer `reply` instead of its reply. */
  applied?: boolean;
  /** Wait this long before answering; the wait ends early when the caller aborts. */
  delayMs?: number;
  /** Send the status, the headers and the first half of the body, then stall until the caller aborts. */
  stallBody?: boolean;
  /** Headers added to the answer (rate-limit headers). */
  headers?: Record<string, string>;
}

/** Runs after routing and before credentials and validation; returns what to do to the call, or undefined. */
export type Interceptor = (call: SandboxCall) => CallEffect | undefined;

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

/**
 * Answers one request against a vendor's store. The request's signal (the caller's abort, or the server
 * closing) ends an injected delay or a stalled body, so no timer outlives the call.
 */
export async function handleRequest(
  vendor: VendorSandbox,
  store: unknown,
  request: Request,
  interceptors: readonly Interceptor[],
  options: EngineOptions,
): Promise<Response> {
  const backend = await backendOf(vendor);
  request.signal.throwIfAborted();
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
  const effect = combine(interceptors, call);
  if (effect.delayMs > 0) await delay(effect.delayMs, request.signal);
  const answer = (reply: AnyReply) =>
    toResponse({ ...reply, headers: { ...reply.headers, ...effect.headers } }, effect.stallBody ? request.signal : undefined);
  if (effect.reply && !effect.applied) return answer(effect.reply);
  const reply = answerCall(vendor, store, backend, operation, routed, url, options);
  return answer(effect.reply ?? reply);
}

/** Credentials, the vendor's session check, validation, then the handler: the reply of one routed call. */
function answerCall(
  vendor: VendorSandbox,
  store: unknown,
  backend: OpenAPIBackend,
  operation: Operation,
  routed: RoutedRequest,
  url: URL,
  options: EngineOptions,
): AnyReply {
  const operationId = operation.operationId as string;
  const headers = routed.headers as Record<string, string>;
  if (!hasCredentials(backend, operation, headers)) return vendor.errors.unauthorized(operationId);
  const refused = vendor.authorize?.({ operationId, headers }, store);
  if (refused) return refused;

  const validation = backend.validator.validateRequest(routed, operation);
  if (!validation.valid) return vendor.errors.invalidRequest(problemsOf(validation.errors ?? []), operationId);

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
    // A response without content (204) has no schema to check the absent body against.
    const bodiless = reply.body === undefined && !hasContent(operation, reply.status);
    const result = bodiless ? { valid: true, errors: null } : backend.validateResponse(reply.body, operationId, reply.status);
    if (!result.valid || !documentedStatus(operation, reply.status)) {
      const why = result.errors?.map((e) => `${e.instancePath || "(body)"} ${e.message}`).join("; ") || "status not documented";
      throw new SandboxContractError(`${vendor.api} sandbox: ${operationId} answered ${reply.status} outside the spec: ${why}`);
    }
  }
  return reply;
}

/**
 * The interceptors' effects as one, in order: delays add up and headers merge, and the first reply that
 * replaces the handler's ends the run, so a later interceptor (a queued failure) is not spent on the call.
 */
function combine(interceptors: readonly Interceptor[], call: SandboxCall): CallEffect & { delayMs: number } {
  const combined: CallEffect & { delayMs: number } = { delayMs: 0, headers: {} };
  for (const intercept of interceptors) {
    const effect = intercept(call);
    if (!effect) continue;
    combined.delayMs += effect.delayMs ?? 0;
    combined.stallBody ||= effect.stallBody === true;
    Object.assign(combined.headers as Record<string, string>, effect.headers);
    if (effect.reply) {
      combined.reply = effect.reply;
      combined.applied = effect.applied === true;
      break;
    }
  }
  return combined;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts (clearing the timer). */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", abort);
      resolve();
    }, ms);
    signal.addEventListener("abort", abort, { once: true });
  });
}

function documentedStatus(operation: Operation, status: number): boolean {
  return Object.hasOwn(operation.responses ?? {}, String(status));
}

function hasContent(operation: Operation, status: number): boolean {
  const response = (operation.responses as Record<string, { content?: object }> | undefined)?.[String(status)];
  return response?.content !== undefined;
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

/** The reply as a Response; with `stallUntil`, its body sends the first half and then waits for that signal. */
function toResponse(reply: AnyReply, stallUntil?: AbortSignal): Response {
  const headers = new Headers(reply.headers);
  const text = reply.body === undefined ? "" : JSON.stringify(reply.body);
  if (reply.body !== undefined) headers.set("content-type", "application/json");
  if (stallUntil) return new Response(stalledBody(text, stallUntil), { status: reply.status, headers });
  return new Response(reply.body === undefined ? null : text, { status: reply.status, headers });
}

/** A body that sends the first half of `text` and never the rest: it errors when `signal` aborts. */
function stalledBody(text: string, signal: AbortSignal): ReadableStream<Uint8Array> {
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text.slice(0, Math.ceil(text.length / 2))));
      stop = () => controller.error(signal.reason);
      if (signal.aborted) stop();
      else signal.addEventListener("abort", stop, { once: true });
    },
    cancel() {
      signal.removeEventListener("abort", stop);
    },
  });
}

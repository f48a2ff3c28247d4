/**
 * The request pipeline every vendor's sandbox shares. Routing by operationId and validation against the
 * bundled spec are openapi-backend's (with Ajv); the engine checks what the client sent (intake.ts), runs the
 * interceptors, and answers a handler's typed reply, or the vendor's own error, as a Response. Whatever the
 * request, the answer is an HTTP answer: only an aborted call or a reply that breaks the spec rejects.
 */
import { failureBody } from "./failure-body.js";
import { isJsonMediaType, isMethodToken, parseJsonBody, queryKeyProblem, urlOfTarget } from "./intake.js";
import { DEFAULT_MAX_BODY_BYTES } from "./limits.js";
import { problemsOf } from "./request-problems.js";
import { delay, toResponse } from "./respond.js";
import { addFormats, OpenAPIBackend, type Operation, type Request as RoutedRequest } from "./third-party.js";
import type { AnyReply, OperationShape, RequestProblem, SandboxRequest, VendorSandbox } from "./types.js";

/** A routed call, as an interceptor sees it before validation and the handler. */
export interface InterceptedCall {
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
export type Interceptor = (call: InterceptedCall) => CallEffect | undefined;

/** A sandbox response that breaks the spec: a bug in the sandbox, never the caller's fault. */
export class SandboxContractError extends Error {
  override name = "SandboxContractError";
}

/** A request as the client sent it, before any URL or body parsing. */
export interface IncomingCall {
  /** The method as sent (any case). */
  method: string;
  /** The request target as sent: a path with its query (`/v1/companies?limit=1`), or an absolute URL. */
  target: string;
  /** The sandbox's own origin, that a path is resolved against (over HTTP: the server's URL). */
  origin: string;
  /** Request headers. */
  headers: Headers;
  /** The body's bytes (undefined: none). */
  body: Uint8Array | undefined;
  /** Bytes the body had when it was larger than the vendor's limit (then `body` is undefined: it was not kept). */
  oversizeBytes?: number;
  /** Aborts when the caller goes away or the server closes. */
  signal: AbortSignal;
}

/** What the engine reports of every answered call, for the sandbox's call log. */
export interface AnsweredCall {
  method: string;
  url: URL | undefined;
  target: string;
  operationId: string | undefined;
  status: number;
  headers: Readonly<Record<string, string>>;
  /** The parsed JSON body, the body's text when it is not JSON, or undefined when there was none or it was not read. */
  body: unknown;
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
  /** Told of every call answered (not of one aborted before its answer). */
  onAnswer?: (call: AnsweredCall) => void;
}

/** Answers a fetch Request (its URL already parsed by fetch's rules) against a vendor's store. */
export async function handleRequest(
  vendor: VendorSandbox,
  store: unknown,
  request: Request,
  interceptors: readonly Interceptor[],
  options: EngineOptions,
  target: string = request.url,
): Promise<Response> {
  const bytes = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
  const limit = vendor.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const incoming: IncomingCall = {
    method: request.method,
    target,
    origin: new URL(request.url).origin,
    headers: request.headers,
    body: bytes && bytes.byteLength <= limit ? bytes : undefined,
    ...(bytes && bytes.byteLength > limit ? { oversizeBytes: bytes.byteLength } : {}),
    signal: request.signal,
  };
  return handleCall(vendor, store, incoming, interceptors, options);
}

/**
 * Answers one request against a vendor's store. The request's signal (the caller's abort, or the server
 * closing) ends an injected delay or a stalled body, so no timer outlives the call.
 */
export async function handleCall(
  vendor: VendorSandbox,
  store: unknown,
  incoming: IncomingCall,
  interceptors: readonly Interceptor[],
  options: EngineOptions,
): Promise<Response> {
  const backend = await backendOf(vendor);
  incoming.signal.throwIfAborted();
  const headers: Record<string, string> = Object.fromEntries(incoming.headers);
  let url: URL | undefined;
  let operationId: string | undefined;
  let body: unknown;
  const answer = (reply: AnyReply, stallUntil?: AbortSignal) => {
    options.onAnswer?.({ method: incoming.method, url, target: incoming.target, operationId, status: reply.status, headers, body });
    return toResponse(reply, stallUntil);
  };

  const target = isMethodToken(incoming.method) ? urlOfTarget(incoming.target, incoming.origin) : undefined;
  if (!target || "refused" in target) {
    const where = incoming.target.split("?", 1)[0] ?? "";
    if (target?.refused === "malformed") return answer(vendor.errors.invalidRequest([pathProblem(target.message)], ""));
    return answer(vendor.errors.unknownRoute(incoming.method, `${incoming.origin}${where.startsWith("/") ? where : ""}`));
  }
  url = target;
  const basePath = basePathOf(vendor);
  const path = basePath && url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : url.pathname;
  const method = incoming.method.toLowerCase();
  const routed: RoutedRequest = { method, path, headers, query: url.search.slice(1) };
  const operation = backend.router.matchOperation(routed) as Operation | undefined;
  if (!operation?.operationId) return answer(vendor.errors.unknownRoute(incoming.method, `${url.origin}${url.pathname}`));
  operationId = operation.operationId;

  if (incoming.oversizeBytes !== undefined) return answer(vendor.errors.tooLarge(vendor.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES));
  const expectsBody = operation.requestBody !== undefined && method !== "get" && method !== "head";
  const bytes = expectsBody && incoming.body && incoming.body.byteLength > 0 ? incoming.body : undefined;
  let refused = queryKeyProblem(url);
  if (!refused && bytes) {
    if (!isJsonMediaType(headers["content-type"])) {
      body = new TextDecoder().decode(bytes);
      refused = contentTypeProblem(headers["content-type"]);
    } else {
      const parsed = parseJsonBody(bytes);
      if ("problem" in parsed) refused = parsed.problem;
      else routed.body = body = parsed.value;
      if ("problem" in parsed && parsed.problem.rule !== "parse") body = undefined; // not kept: it is what the limits refuse
    }
  }

  const call: InterceptedCall = { api: vendor.api, operationId, method: incoming.method, pathTemplate: operation.path, url };
  const effect = combine(interceptors, call);
  if (effect.delayMs > 0) await delay(effect.delayMs, incoming.signal);
  const reply = (chosen: AnyReply) =>
    answer({ ...chosen, headers: { ...chosen.headers, ...effect.headers } }, effect.stallBody ? incoming.signal : undefined);
  if (effect.reply && !effect.applied) return reply(effect.reply);
  let handled: AnyReply;
  try {
    handled = refused
      ? (refusedBeforeValidation(vendor, store, backend, operation, headers) ?? vendor.errors.invalidRequest([refused], operationId))
      : answerCall(vendor, store, backend, operation, routed, url, options);
  } catch (error) {
    if (error instanceof SandboxContractError) throw new SandboxContractError(`${error.message} (${incoming.method} ${url.href})`);
    // A fault in a handler must not take the sandbox down: the vendor's 500, as its servers would answer.
    handled = { status: 500, body: failureBody(vendor, operationId, 500) };
  }
  return reply(effect.reply ?? handled);
}

function pathProblem(message: string): RequestProblem {
  return { in: "path", field: "", path: [], rule: "parse", message };
}

function contentTypeProblem(contentType: string | undefined): RequestProblem {
  const got = contentType ? `got ${JSON.stringify(contentType)}` : "got none";
  return {
    in: "header",
    field: "content-type",
    path: ["content-type"],
    rule: "contentType",
    message: `content-type must be application/json (${got})`,
  };
}

/** The credentials and session checks alone, for a call refused before validation: a 401 still comes first. */
function refusedBeforeValidation(
  vendor: VendorSandbox,
  store: unknown,
  backend: OpenAPIBackend,
  operation: Operation,
  headers: Record<string, string>,
): AnyReply | undefined {
  const operationId = operation.operationId as string;
  if (!hasCredentials(backend, operation, headers)) return vendor.errors.unauthorized(operationId);
  return vendor.authorize?.({ operationId, headers }, store);
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
  const refused = refusedBeforeValidation(vendor, store, backend, operation, headers);
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
function combine(interceptors: readonly Interceptor[], call: InterceptedCall): CallEffect & { delayMs: number } {
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

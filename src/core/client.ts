import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { AuthStrategy, LoginClient } from "./auth.js";
import { type CallRecord, fileFailedCall } from "./call-record.js";
import { ResponseParseError } from "./errors.js";
import { assertHeadersInit } from "./headers.js";
import { prefix } from "./messages.js";
import {
  applyOverrides,
  type CallOverrides,
  type CommonClientOptions,
  checkCallOptions,
  hasCallOptions,
  resolveOptions,
} from "./options.js";
import { createPathSerializer, withPathParams } from "./path.js";
import type { Policy } from "./retry-policy.js";
import { createTransport, type Transport } from "./transport.js";
import type { VendorDefinition } from "./vendor.js";

/** openapi-fetch's `Client<Paths>` (results stay `{ data, error, response }`) plus crm-kit extras. */
export type CrmClient<Paths extends {}> = Client<Paths, `${string}/${string}`> & {
  /**
   * A client sharing auth state, transport and middleware, with some policies overridden for the calls made
   * through it: `client.withOptions({ timeoutMs: 5_000 }).GET(...)`.
   */
  withOptions(overrides: CallOverrides): CrmClient<Paths>;
};

type FetchFn = (input: Request) => Promise<Response>;
type RawResult = { data?: unknown; error?: unknown; response: Response };
type LooseRequest = (method: string, url: string, init?: Record<string, unknown>) => Promise<RawResult>;

/**
 * Creates a typed client for one vendor API. Options are validated here, so a bad baseUrl or timeout fails at
 * construction; every request then goes through the transport (auth, timeouts, retries, redacted logging).
 */
export function createCrmClient<Paths extends {}>(
  vendor: VendorDefinition,
  options: CommonClientOptions,
  auth: AuthStrategy,
): CrmClient<Paths> {
  if (typeof auth !== "object" || auth === null || typeof auth.authorize !== "function" || typeof auth.secrets !== "function") {
    throw new TypeError(`${prefix(vendor.name)}auth must be an AuthStrategy, e.g. bearerAuth(apiKey) or sessionAuth({ … }).`);
  }
  const resolved = resolveOptions(vendor, options);
  const base = createClient<Paths>({
    baseUrl: resolved.baseUrl,
    headers: resolved.headers,
    pathSerializer: createPathSerializer(resolved.baseUrl),
    ...(vendor.querySerializer ? { querySerializer: vendor.querySerializer } : {}),
  });
  const transport = createTransport({ vendor, auth, fetch: resolved.fetch, logger: resolved.logger });
  // openapi-fetch's methods are typed per literal path; the public CrmClient type restores that typing.
  const request = base.request as unknown as LooseRequest;
  const client = bindClient<Paths>({ request, transport, middleware: [] }, resolved.policy);
  auth.attach?.(client as unknown as LoginClient);
  return client;
}

/** What a client and the clients made from it by withOptions() share. */
interface Shared {
  request: LooseRequest;
  transport: Transport;
  /**
   * The middleware registered with use(), in order. crm-kit keeps the list (openapi-fetch's own stays empty) and
   * passes it with each call, so that it knows when middleware may read or replace the Request and the Response.
   */
  middleware: Middleware[];
}

function bindClient<Paths extends {}>(shared: Shared, policy: Policy): CrmClient<Paths> {
  const { transport, middleware } = shared;
  const method =
    (name: string) =>
    (url: string, init?: Record<string, unknown>): Promise<RawResult> =>
      invoke(shared, policy, name, url, init);
  const client = {
    request: (name: string, url: string, init?: Record<string, unknown>) => invoke(shared, policy, name.toUpperCase(), url, init),
    GET: method("GET"),
    PUT: method("PUT"),
    POST: method("POST"),
    DELETE: method("DELETE"),
    OPTIONS: method("OPTIONS"),
    HEAD: method("HEAD"),
    PATCH: method("PATCH"),
    TRACE: method("TRACE"),
    use: (...added: Middleware[]) => {
      for (const m of added) {
        if (!m) continue;
        if (typeof m !== "object" || !("onRequest" in m || "onResponse" in m || "onError" in m)) {
          // openapi-fetch's own wording, so that use() reads the same as on a bare openapi-fetch client.
          throw new Error("Middleware must be an object with one of `onRequest()`, `onResponse() or `onError()`");
        }
        middleware.push(m);
      }
    },
    eject: (...removed: Middleware[]) => {
      for (const m of removed) {
        const index = middleware.indexOf(m);
        if (index !== -1) middleware.splice(index, 1);
      }
    },
    withOptions: (overrides: CallOverrides): CrmClient<Paths> =>
      bindClient(shared, applyOverrides(policy, overrides, transport.vendor.name, "withOptions()")),
  };
  return client as unknown as CrmClient<Paths>;
}

async function invoke(shared: Shared, policy: Policy, method: string, url: string, init: Record<string, unknown> = {}): Promise<RawResult> {
  const { transport } = shared;
  const checked = hasCallOptions(init) ? checkCallOptions(init, transport.vendor.name, `${method} ${url}`) : undefined;
  // Checked before openapi-fetch merges them: its Headers would throw a TypeError quoting the (maybe secret) value.
  if (init.headers != null) assertHeadersInit(init.headers, `headers of ${method} ${url}`);
  const params = init.params as { header?: unknown } | undefined;
  if (params?.header != null) assertHeadersInit(params.header, `params.header of ${method} ${url}`);
  const parseAs = typeof init.parseAs === "string" ? init.parseAs : "json";
  const callMiddleware = init.middleware as Middleware[] | undefined;
  const middleware = shared.middleware.length > 0 ? [...shared.middleware, ...(callMiddleware ?? [])] : callMiddleware;
  // Middleware sees the Response and may read it, so it must get one with an unread body, and may swap the Request.
  const hasMiddleware = middleware !== undefined && middleware.length > 0;
  const call: CallRecord = {
    vendor: transport.vendor,
    path: url,
    method,
    url,
    parseAs,
    takesText: parseAs === "json" && !hasMiddleware,
    signal: (init.signal ?? undefined) as AbortSignal | undefined,
    middleware: hasMiddleware,
  };
  const userFetch = typeof init.fetch === "function" ? (init.fetch as FetchFn) : undefined;
  let result: RawResult;
  try {
    const options: Record<string, unknown> = {
      ...init,
      params: withPathParams(url, params),
      fetch: sendThrough(transport, policy, call, userFetch),
    };
    if (checked?.baseUrl !== undefined) options.baseUrl = checked.baseUrl;
    // The caller's signal goes to the transport only: on openapi-fetch's Request it would gain a listener per call.
    if (init.signal !== undefined) options.signal = undefined;
    if (middleware !== callMiddleware) options.middleware = middleware;
    // "stream" makes openapi-fetch hand back the body without reading it: the transport has read it already.
    if (call.takesText) options.parseAs = "stream";
    result = await shared.request(method, url, options);
  } catch (error) {
    // With middleware, openapi-fetch JSON.parses 2xx bodies itself and lets the bare SyntaxError escape.
    const final = call.final;
    const invalidJson = error instanceof SyntaxError && final !== undefined && final.response.ok;
    throw invalidJson ? parseError(error, final, call, transport) : error;
  }
  if (!result.response.ok) {
    // The vendor's error body may echo a credential; the caller gets it with every string redacted, as on ApiError.
    result.error = transport.redactor().value(result.error);
    fileFailedCall(result.response, call, transport.secrets());
  } else if (call.takesText) {
    result.data = parseJson(call, transport);
  }
  return result;
}

/** The fetch openapi-fetch calls for one call: the transport, with the call's policy and record. */
function sendThrough(transport: Transport, policy: Policy, call: CallRecord, userFetch: FetchFn | undefined): FetchFn {
  return (input) => transport.send(input, policy, call, userFetch);
}

/** The 2xx body the transport read, parsed; undefined when there was none or it was empty, as in openapi-fetch. */
function parseJson(call: CallRecord, transport: Transport): unknown {
  const final = call.final;
  if (final === undefined || final.text === "") return undefined;
  try {
    return JSON.parse(final.text);
  } catch (error) {
    throw parseError(error, final, call, transport);
  }
}

function parseError(error: unknown, final: NonNullable<CallRecord["final"]>, call: CallRecord, transport: Transport): ResponseParseError {
  return new ResponseParseError({
    vendor: transport.vendor.name,
    method: call.method,
    url: call.url,
    status: final.response.status,
    text: final.text,
    contentType: final.response.headers.get("content-type"),
    cause: error,
    secrets: transport.secrets(),
  });
}

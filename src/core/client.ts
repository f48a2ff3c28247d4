import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { AuthStrategy } from "./auth.js";
import { ResponseParseError } from "./errors.js";
import { rememberFailedCall } from "./failed-call.js";
import { assertHeadersInit } from "./headers.js";
import { applyOverrides, resolveOptions, type CallOverrides, type CommonClientOptions } from "./options.js";
import { createPathSerializer, withPathParams } from "./path.js";
import type { Policy } from "./retry-policy.js";
import { createTransport, type CallState, type Transport } from "./transport.js";
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
    throw new TypeError(`crm-kit (${vendor.name}): auth must be an AuthStrategy, e.g. bearerAuth(apiKey) or sessionAuth({ … }).`);
  }
  const resolved = resolveOptions(vendor, options);
  const base = createClient<Paths>({
    baseUrl: resolved.baseUrl,
    headers: resolved.headers,
    pathSerializer: createPathSerializer(resolved.baseUrl),
    ...(vendor.querySerializer ? { querySerializer: vendor.querySerializer } : {}),
  });
  const transport = createTransport({ vendor, auth, fetch: resolved.fetch, logger: resolved.logger });
  return bindClient(base, transport, resolved.policy);
}

function bindClient<Paths extends {}>(base: Client<Paths>, transport: Transport, policy: Policy): CrmClient<Paths> {
  // openapi-fetch's methods are typed per literal path; the public CrmClient type restores that typing.
  const request = base.request as unknown as LooseRequest;
  const method =
    (name: string) =>
    (url: string, init?: Record<string, unknown>): Promise<RawResult> =>
      invoke(request, transport, policy, name, url, init);
  const client = {
    request: (name: string, url: string, init?: Record<string, unknown>) => invoke(request, transport, policy, name.toUpperCase(), url, init),
    GET: method("GET"),
    PUT: method("PUT"),
    POST: method("POST"),
    DELETE: method("DELETE"),
    OPTIONS: method("OPTIONS"),
    HEAD: method("HEAD"),
    PATCH: method("PATCH"),
    TRACE: method("TRACE"),
    use: (...middleware: Middleware[]) => base.use(...middleware),
    eject: (...middleware: Middleware[]) => base.eject(...middleware),
    withOptions: (overrides: CallOverrides): CrmClient<Paths> =>
      bindClient(base, transport, applyOverrides(policy, overrides, transport.vendor.name, "withOptions()")),
  };
  return client as unknown as CrmClient<Paths>;
}

async function invoke(
  request: LooseRequest,
  transport: Transport,
  policy: Policy,
  method: string,
  url: string,
  init: Record<string, unknown> = {},
): Promise<RawResult> {
  // Checked before openapi-fetch merges them: its Headers would throw a TypeError quoting the (maybe secret) value.
  assertHeadersInit(init.headers, `headers of ${method} ${url}`);
  assertHeadersInit((init.params as { header?: unknown } | undefined)?.header, `params.header of ${method} ${url}`);
  const call: CallState = { parseAs: typeof init.parseAs === "string" ? init.parseAs : "json" };
  const userFetch = typeof init.fetch === "function" ? (init.fetch as FetchFn) : undefined;
  let result: RawResult;
  try {
    result = await request(method, url, {
      ...init,
      params: withPathParams(url, init.params),
      fetch: (input: Request) => transport.send(input, policy, call, userFetch),
    });
  } catch (error) {
    throw parseFailure(error, call, transport) ?? error;
  }
  if (!result.response.ok) {
    rememberFailedCall(result.response, { vendor: transport.vendor, method: call.method ?? method, url: call.url ?? url, secrets: transport.secrets() });
  }
  return result;
}

// openapi-fetch JSON.parses 2xx bodies itself and lets the bare SyntaxError escape; the transport kept the text.
function parseFailure(error: unknown, call: CallState, transport: Transport): ResponseParseError | undefined {
  const final = call.final;
  if (!(error instanceof SyntaxError) || !final || final.status < 200 || final.status > 299) return undefined;
  return new ResponseParseError({
    vendor: transport.vendor.name,
    method: call.method ?? "request",
    url: call.url ?? "",
    status: final.status,
    text: final.text,
    contentType: final.contentType,
    cause: error,
    secrets: transport.secrets(),
  });
}

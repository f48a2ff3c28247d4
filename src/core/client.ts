import { createQuerySerializer, type Middleware, removeTrailingSlash } from "openapi-fetch";
import type { AuthStrategy, LoginClient } from "./auth.js";
import { type ClientParts, invoke, type RawResult } from "./call.js";
import type { CrmClientMethod, CrmClientRequestMethod } from "./call-types.js";
import { prefix } from "./messages.js";
import { applyOverrides, type CallOverrides, type CommonClientOptions, resolveOptions } from "./options.js";
import { createPacer } from "./pace-options.js";
import { createPathSerializer } from "./path.js";
import type { Policy } from "./retry-policy.js";
import { createTransport } from "./transport.js";
import type { VendorDefinition } from "./vendor.js";

/**
 * openapi-fetch's `Client<Paths>` (results stay `{ data, error, response }`), with each call's init checked
 * exactly (an unknown option or an unknown field of a closed body is a type error; see call-types.ts) and the
 * per-call policies (`timeoutMs`, `maxRetries`, `retry`), plus crm-kit extras.
 */
export interface CrmClient<Paths extends {}> {
  request: CrmClientRequestMethod<Paths>;
  /** Call a GET endpoint */
  GET: CrmClientMethod<Paths, "get">;
  /** Call a PUT endpoint */
  PUT: CrmClientMethod<Paths, "put">;
  /** Call a POST endpoint */
  POST: CrmClientMethod<Paths, "post">;
  /** Call a DELETE endpoint */
  DELETE: CrmClientMethod<Paths, "delete">;
  /** Call an OPTIONS endpoint */
  OPTIONS: CrmClientMethod<Paths, "options">;
  /** Call a HEAD endpoint */
  HEAD: CrmClientMethod<Paths, "head">;
  /** Call a PATCH endpoint */
  PATCH: CrmClientMethod<Paths, "patch">;
  /** Call a TRACE endpoint */
  TRACE: CrmClientMethod<Paths, "trace">;
  /** Registers middleware, run before (onRequest) and after (onResponse) each attempt's call's own. */
  use(...middleware: Middleware[]): void;
  /** Unregisters middleware. */
  eject(...middleware: Middleware[]): void;
  /**
   * A client sharing auth state, transport and middleware, with some policies overridden for the calls made
   * through it: `client.withOptions({ timeoutMs: 5_000 }).GET(...)`.
   */
  withOptions(overrides: CallOverrides): CrmClient<Paths>;
}

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
  const baseUrl = removeTrailingSlash(resolved.baseUrl);
  const client = bindClient<Paths>(
    {
      transport: createTransport({
        vendor,
        auth,
        fetch: resolved.fetch,
        logger: resolved.logger,
        pacer: createPacer(vendor, options, options.fetch ?? resolved.fetch),
      }),
      baseUrl,
      headers: resolved.headers,
      pathSerializer: createPathSerializer(baseUrl),
      querySerializer: vendor.querySerializer ?? createQuerySerializer(),
      middleware: [],
    },
    resolved.policy,
  );
  auth.attach?.(client as unknown as LoginClient);
  return client;
}

type Method = (path: string, init?: Record<string, unknown>) => Promise<RawResult>;

function bindClient<Paths extends {}>(parts: ClientParts, policy: Policy): CrmClient<Paths> {
  const { middleware } = parts;
  const method =
    (name: string): Method =>
    (path, init) =>
      invoke(parts, policy, name, path, init);
  const client = {
    request: (name: string, path: string, init?: Record<string, unknown>) => invoke(parts, policy, name.toUpperCase(), path, init),
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
      bindClient(parts, applyOverrides(policy, overrides, parts.transport.vendor.name, "withOptions()")),
  };
  return client as unknown as CrmClient<Paths>;
}

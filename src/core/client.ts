import { type Client, createQuerySerializer, type Middleware, removeTrailingSlash } from "openapi-fetch";
import type { AuthStrategy, LoginClient } from "./auth.js";
import { type ClientParts, invoke, type RawResult } from "./call.js";
import { prefix } from "./messages.js";
import { applyOverrides, type CallOverrides, type CommonClientOptions, resolveOptions } from "./options.js";
import { createPathSerializer } from "./path.js";
import type { Policy } from "./retry-policy.js";
import { createTransport } from "./transport.js";
import type { VendorDefinition } from "./vendor.js";

/** openapi-fetch's `Client<Paths>` (results stay `{ data, error, response }`) plus crm-kit extras. */
export type CrmClient<Paths extends {}> = Client<Paths, `${string}/${string}`> & {
  /**
   * A client sharing auth state, transport and middleware, with some policies overridden for the calls made
   * through it: `client.withOptions({ timeoutMs: 5_000 }).GET(...)`.
   */
  withOptions(overrides: CallOverrides): CrmClient<Paths>;
};

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
      transport: createTransport({ vendor, auth, fetch: resolved.fetch, logger: resolved.logger }),
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

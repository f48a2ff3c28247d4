/**
 * crm-kit/sandbox: an in-memory, stateful simulation of each API, validated against its spec.
 *
 *   const sandbox = createSandbox("featurebase");
 *   const featurebase = createFeaturebaseClient({ apiKey: "sk_test_sandbox", fetch: sandbox.fetch });
 *   sandbox.reset();                                       // back to the seed data
 *   const server = await sandbox.listen({ port: 4010 });  // the same state over HTTP
 */
import { handleRequest, type Interceptor } from "./engine.js";
import { type ListenOptions, listen, type SandboxServer } from "./listen.js";
import { checkSandboxOptions, type SandboxOptions } from "./options.js";
import { type SandboxApi, sandboxVendors } from "./vendors.js";

export { type SandboxCall, SandboxContractError } from "./engine.js";
export type { ListenOptions, SandboxServer } from "./listen.js";
export type { SandboxOptions } from "./options.js";
export type { SandboxApi } from "./vendors.js";

/** The APIs `createSandbox` simulates. */
export const SANDBOX_APIS = Object.keys(sandboxVendors) as SandboxApi[];

export interface Sandbox {
  /** The API this sandbox simulates. */
  readonly api: SandboxApi;
  /** fetch-compatible: any host (or a bare path); the path and method pick the operation. Pass it as a client's `fetch`. */
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** Drops every change: back to the seed data (or empty, with `seed: false`). */
  reset(): void;
  /** Serves this sandbox's state over HTTP (default: 127.0.0.1 on a free port). */
  listen(options?: ListenOptions): Promise<SandboxServer>;
}

/** A new sandbox with its own state, in memory: no port and no process until `listen()`. */
export function createSandbox(api: SandboxApi, options?: SandboxOptions): Sandbox {
  const vendor = Object.hasOwn(sandboxVendors, api) ? sandboxVendors[api] : undefined;
  if (!vendor) {
    throw new TypeError(`createSandbox: no sandbox for API ${JSON.stringify(api)} (valid: ${SANDBOX_APIS.join(", ")})`);
  }
  const settings = checkSandboxOptions(options);
  const freshStore = () => {
    const store = vendor.createStore();
    if (settings.seed) vendor.seed(store);
    return store;
  };
  let store = freshStore();
  // Interceptors run after routing, before validation and the handler (failure injection, rate limits).
  const interceptors: Interceptor[] = [];
  const handle = (request: Request) => handleRequest(vendor, store, request, interceptors, settings);
  return {
    api,
    // A bare path ("/v2/companies") is accepted too: the host plays no part.
    fetch: async (input, init) =>
      handle(new Request(typeof input === "string" && input.startsWith("/") ? `http://sandbox.invalid${input}` : input, init)),
    reset() {
      store = freshStore();
    },
    listen: (listenOptions) => listen(handle, listenOptions),
  };
}

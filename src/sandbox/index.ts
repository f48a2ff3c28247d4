/**
 * crm-kit/sandbox: an in-memory, stateful simulation of each API, validated against its spec.
 *
 *   const sandbox = createSandbox("featurebase");
 *   const featurebase = createFeaturebaseClient({ apiKey: "sk_test_sandbox", fetch: sandbox.fetch });
 *   sandbox.reset();                                       // back to the seed data
 *   const server = await sandbox.listen({ port: 4010 });  // the same state over HTTP
 */

import type { operations as EmnifyOperations } from "../../generated/emnify.js";
import type { operations as FeaturebaseOperations } from "../../generated/featurebase.js";
import type { operations as FolkOperations } from "../../generated/folk.js";
import type { operations as KareOperations } from "../../generated/kare.js";
import { SANDBOX_RATE_LIMIT } from "../core/documented-limits.js";
import { createCallLog, type SandboxCall } from "./call-log.js";
import { handleCall, handleRequest, type Interceptor } from "./engine.js";
import { createFailureQueue, type InjectedFailure } from "./fail-next.js";
import { type ListenOptions, listen, type SandboxServer } from "./listen.js";
import { checkSandboxOptions, type SandboxOptions } from "./options.js";
import { createRateLimiter } from "./rate-limit.js";
import type { VendorSandbox } from "./types.js";
import { type SandboxApi, sandboxVendors } from "./vendors.js";
import { createSandboxWebhooks, NO_DELIVERIES, type WebhookDelivery } from "./webhooks/index.js";

export type { SandboxCall } from "./call-log.js";
export { type CallEffect, type InterceptedCall, SandboxContractError } from "./engine.js";
export type { InjectedFailure } from "./fail-next.js";
export type { ListenOptions, SandboxServer } from "./listen.js";
export type { RateLimit, SandboxOptions } from "./options.js";
export type { SandboxApi } from "./vendors.js";
export type {
  FeaturebaseSandboxWebhook,
  FeaturebaseWebhookOptions,
  WebhookAttempt,
  WebhookDelivery,
  WebhookSandboxOptions,
} from "./webhooks/index.js";

/** The options of one API's sandbox: the common ones and the vendor's own (emnify's `tokenTtlMs`). */
export type SandboxOptionsOf<Api extends SandboxApi> = SandboxOptions & NonNullable<(typeof sandboxVendors)[Api]["optionsType"]>;

/** The operationIds of one API, as its spec names them: what `failNext`'s `operationId` takes. */
export type SandboxOperationId<Api extends SandboxApi> = {
  featurebase: keyof FeaturebaseOperations;
  folk: keyof FolkOperations;
  emnify: keyof EmnifyOperations;
  kare: keyof KareOperations;
}[Api] &
  string;

/** The APIs `createSandbox` simulates. */
export const SANDBOX_APIS = Object.keys(sandboxVendors) as SandboxApi[];

export interface Sandbox<Api extends SandboxApi = SandboxApi> {
  /** The API this sandbox simulates. */
  readonly api: Api;
  /** fetch-compatible: any host (or a bare path); the path and method pick the operation. Pass it as a client's `fetch`. */
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /**
   * Drops every change: back to the seed data (or empty, with `seed: false`); issued tokens and sessions,
   * pending `failNext` failures and rate-limit windows go too.
   */
  reset(): void;
  /**
   * The next `count` calls (of `failure.operationId`, or any) fail as asked: a status with the vendor's body,
   * a late answer, or a body that stalls until the caller aborts. Queued failures are served in order.
   *   sandbox.failNext(2, { status: 503 });                                   // two 503s, then normal answers
   *   sandbox.failNext(1, { status: 500, operationId: "createContacts", applied: true }); // applied, yet a 500
   *   sandbox.failNext(1, { stallBody: true });                               // half a body, then nothing
   */
  failNext(count: number, failure: InjectedFailure<SandboxOperationId<Api>>): void;
  /**
   * Every call this sandbox answered since it was made or last `reset()`, in the order answered (a call aborted
   * before its answer is not listed): `{ method, path, query, operationId, status, requestBody, at }`, the
   * body's credentials redacted. A copy: later calls do not change an array already read.
   */
  readonly calls: readonly SandboxCall[];
  /**
   * Serves this sandbox's state over HTTP (default: 127.0.0.1 on a free port). While it listens, webhook
   * events point `data.url` at it; its `close()` also cancels the deliveries in flight and the retries waiting.
   */
  listen(options?: ListenOptions): Promise<SandboxServer>;
  /**
   * The webhook deliveries sent (folk, Featurebase), oldest first: the signed request (`headers`, raw `body`),
   * its state and every attempt. `reset()` empties it. Always empty for an API without webhooks.
   */
  readonly deliveries: readonly WebhookDelivery[];
  /** Resolves once no delivery attempt is in flight (a retry waiting for its time is not in flight). */
  deliveriesSettled(): Promise<void>;
  /**
   * Sends the vendor's webhook event `type` to the subscribed webhooks, as if it happened in the vendor's app:
   * folk `{ id, path, changes? }` (`"reminder.triggered"`, `{ id: "rmd_…", path: "/v1/reminders/rmd_…" }`),
   * Featurebase `{ item, changes? }` (`"post.created"`, `{ item: { object: "post", id, … } }`).
   */
  sendWebhookEvent(type: string, data: unknown): void;
}

/** A new sandbox with its own state, in memory: no port and no process until `listen()`. */
export function createSandbox<Api extends SandboxApi>(api: Api, options?: SandboxOptionsOf<Api>): Sandbox<Api> {
  const vendor: VendorSandbox | undefined = Object.hasOwn(sandboxVendors, api) ? sandboxVendors[api] : undefined;
  if (!vendor) {
    throw new TypeError(`createSandbox: no sandbox for API ${JSON.stringify(api)} (valid: ${SANDBOX_APIS.join(", ")})`);
  }
  const { settings, vendorOptions } = checkSandboxOptions(options, vendor.optionChecks);
  const webhooks = createSandboxWebhooks(api, vendor.document, vendorOptions, settings.now);
  const freshStore = () => {
    const store = vendor.createStore({ now: settings.now, options: vendorOptions });
    if (settings.seed) vendor.seed(store);
    webhooks?.attach(store); // after the seed: seeding sends no events
    return store;
  };
  let store = freshStore();
  const failures = createFailureQueue(vendor);
  const limiter = settings.rateLimit ? createRateLimiter(vendor, settings.rateLimit, settings.now) : undefined;
  // Interceptors run after routing, before credentials, validation and the handler: a rate-limited call is
  // refused before an injected failure is spent on it.
  const interceptors: Interceptor[] = [...(limiter ? [limiter.intercept] : []), failures.intercept];
  const log = createCallLog(settings.now);
  const engineOptions = { validateResponses: settings.validateResponses, onAnswer: log.record };
  // A bare path ("/v2/companies") is accepted too: the host plays no part. The target as given is checked
  // (dot-segments, percent-encoding) before fetch's URL rules normalize it.
  const fetch: Sandbox<Api>["fetch"] = async (input, init) => {
    const bare = typeof input === "string" && input.startsWith("/");
    const request = new Request(bare ? `http://sandbox.invalid${input}` : input, init);
    const target = typeof input === "string" ? input : input instanceof URL ? input.href : request.url;
    return handleRequest(vendor, store, request, interceptors, engineOptions, target);
  };
  // A client given this fetch paces "documented" to the limits this sandbox applies (none unless rateLimit is set).
  const { rateLimit } = settings;
  Object.defineProperty(fetch, SANDBOX_RATE_LIMIT, {
    value:
      rateLimit === undefined ? [] : rateLimit === "documented" ? "documented" : [{ limit: rateLimit.limit, windowMs: rateLimit.windowMs }],
  });
  return {
    api,
    fetch,
    reset() {
      webhooks?.dispatcher.cancel({ forget: true });
      store = freshStore();
      failures.clear();
      limiter?.clear();
      log.clear();
    },
    failNext: (count, failure) => failures.failNext(count, failure),
    get calls() {
      return log.calls;
    },
    async listen(listenOptions) {
      const server = await listen((incoming) => handleCall(vendor, store, incoming, interceptors, engineOptions), vendor, listenOptions);
      if (!webhooks) return server;
      const { dispatcher } = webhooks;
      const origin = dispatcher.baseUrl;
      dispatcher.baseUrl = server.url;
      return {
        url: server.url,
        close: async () => {
          dispatcher.cancel();
          if (dispatcher.baseUrl === server.url) dispatcher.baseUrl = origin;
          await server.close();
        },
      };
    },
    get deliveries() {
      return webhooks?.dispatcher.deliveries ?? NO_DELIVERIES;
    },
    deliveriesSettled: async () => webhooks?.dispatcher.settled(),
    sendWebhookEvent(type, data) {
      if (!webhooks) throw new TypeError(`sendWebhookEvent: ${api} documents no webhooks`);
      webhooks.sendWebhookEvent(type, data, store);
    },
  };
}

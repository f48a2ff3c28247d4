/**
 * A sandbox's webhooks: which vendors deliver events (folk from its webhooks API, Featurebase from the
 * `webhooks` option), the dispatcher that sends them, and `sendWebhookEvent` for an event no simulated call
 * makes (a reminder firing, a Featurebase post). createSandbox reaches all of it through this module.
 */
import { createWebhookDispatcher, type WebhookDelivery, type WebhookDispatcher, type WebhookVendor } from "./dispatcher.js";
import { type FeaturebaseWebhookOptions, featurebaseWebhooks } from "./featurebase.js";
import { folkWebhooks } from "./folk.js";
import { attachEventSink } from "./handler-events.js";
import type { WebhookSandboxOptions } from "./options.js";

export type { WebhookAttempt, WebhookDelivery } from "./dispatcher.js";
export type { FeaturebaseSandboxWebhook, FeaturebaseWebhookOptions } from "./featurebase.js";
export type { WebhookSandboxOptions } from "./options.js";

/** What the vendor's events are sent from, and the host of `data.url` / `source` when no server is listening. */
const VENDORS: Record<string, { origin: string; create(options: Record<string, unknown>): WebhookVendor<unknown> }> = {
  folk: { origin: "https://api.folk.app", create: () => folkWebhooks as WebhookVendor<unknown> },
  featurebase: {
    origin: "https://do.featurebase.app",
    create: (options) => featurebaseWebhooks(options as FeaturebaseWebhookOptions) as WebhookVendor<unknown>,
  },
};

export interface SandboxWebhooks {
  readonly dispatcher: WebhookDispatcher<unknown>;
  /** Sends the vendor's event `type` with `data`, as if it happened in the vendor's app. */
  sendWebhookEvent(type: string, data: unknown, store: unknown): void;
  /** Makes the calls on this store send their events. */
  attach(store: unknown): void;
}

export function createSandboxWebhooks(
  api: string,
  document: { readonly [key: string]: unknown },
  vendorOptions: Record<string, unknown>,
  now: () => number,
): SandboxWebhooks | undefined {
  const entry = Object.hasOwn(VENDORS, api) ? VENDORS[api] : undefined;
  if (!entry) return undefined;
  const types = Object.keys((document.webhooks as object | undefined) ?? {});
  const unknownTopics = ((vendorOptions.webhooks as FeaturebaseWebhookOptions["webhooks"]) ?? [])
    .flatMap((webhook) => webhook.topics)
    .filter((topic) => !types.includes(topic));
  if (unknownTopics.length > 0) {
    throw new TypeError(`createSandbox: option webhooks has unknown topics ${unknownTopics.join(", ")} (valid: ${types.join(", ")})`);
  }
  const vendor = entry.create(vendorOptions);
  const dispatcher = createWebhookDispatcher(vendor, vendorOptions as WebhookSandboxOptions, now, entry.origin);
  return {
    dispatcher,
    sendWebhookEvent(type, data, store) {
      if (!types.includes(type))
        throw new TypeError(`sendWebhookEvent: ${api} has no event ${JSON.stringify(type)} (valid: ${types.join(", ")})`);
      dispatcher.send([vendor.draftOf(type, data)], store);
    },
    attach: (store) => attachEventSink(store, dispatcher),
  };
}

/** For the vendors without webhooks: nothing is ever delivered. */
export const NO_DELIVERIES: readonly WebhookDelivery[] = Object.freeze([]);

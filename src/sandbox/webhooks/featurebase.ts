/**
 * Featurebase's deliveries. Its webhooks are registered in the dashboard (or an API this package does not
 * cover), so the sandbox takes them as an option, `webhooks: [{ url, topics, secret }]`. None of Featurebase's
 * topics is about the companies and contacts the sandbox simulates (https://developers.featurebase.app/guides/webhooks/topics),
 * so events are sent with `sandbox.sendWebhookEvent(topic, { item, changes? })`, signed as Featurebase signs
 * them and retried on its documented schedule (https://developers.featurebase.app/guides/webhooks/delivery).
 * The signature is computed here, apart from `verifyFeaturebaseWebhook` (the sandbox loads no client code).
 */
import type { OutgoingEvent, WebhookEndpoint, WebhookVendor } from "./dispatcher.js";

/** A webhook of the Featurebase sandbox. */
export interface FeaturebaseSandboxWebhook {
  /** Its id in `sandbox.deliveries` (default `webhook-<n>`, its position from 1). */
  id?: string;
  /** Where deliveries go (a loopback URL unless `webhookHosts` opts the host in). */
  url: string;
  /** The topics it receives (`post.created`, …). */
  topics: readonly string[];
  /** Its signing secret (`whsec_…`), which the receiver verifies with. */
  secret: string;
}

export interface FeaturebaseWebhookOptions {
  /** The webhooks that receive the events of `sandbox.sendWebhookEvent` (default none). */
  webhooks?: readonly FeaturebaseSandboxWebhook[];
}

/** 1 minute, 1 hour and 6 hours after the failures, as Featurebase documents. */
const FEATUREBASE_RETRY_DELAYS_MS = [60_000, 3_600_000, 21_600_000];

export interface FeaturebaseEventDraft {
  topic: string;
  item: unknown;
  changes?: unknown[];
}

export function featurebaseWebhooks(options: FeaturebaseWebhookOptions): WebhookVendor<FeaturebaseEventDraft> {
  const webhooks = (options.webhooks ?? []).map((webhook, i) => ({ ...webhook, id: webhook.id ?? `webhook-${i + 1}` }));
  return {
    retryDelaysMs: FEATUREBASE_RETRY_DELAYS_MS,
    route(draft) {
      const routes: Array<{ endpoint: WebhookEndpoint; event: OutgoingEvent }> = [];
      for (const webhook of webhooks) {
        if (!webhook.topics.includes(draft.topic)) continue;
        const id = `notif_${crypto.randomUUID()}`;
        const payload = {
          object: "notification_event",
          id,
          topic: draft.topic,
          data: { type: "notification_event_data", item: draft.item, ...(draft.changes ? { changes: draft.changes } : {}) },
        };
        routes.push({
          endpoint: { webhookId: webhook.id, url: webhook.url, secret: webhook.secret },
          event: { id, type: draft.topic, payload },
        });
      }
      return routes;
    },
    async sign(secret, _event, timestamp, body) {
      return { "x-webhook-signature": await featurebaseSignature(secret, timestamp, body), "x-webhook-timestamp": String(timestamp) };
    },
    draftOf(topic, data) {
      const { item, changes } = (data ?? {}) as { item?: unknown; changes?: unknown };
      if (typeof item !== "object" || item === null) {
        throw new TypeError("sendWebhookEvent (featurebase): data must be { item, changes? } with the object as data.item");
      }
      if (changes !== undefined && !Array.isArray(changes))
        throw new TypeError("sendWebhookEvent (featurebase): data.changes must be an array");
      return { topic, item, ...(changes ? { changes } : {}) };
    },
  };
}

/** Hex HMAC-SHA256 of "<timestamp>.<body>", keyed with the whole secret string, as Featurebase's own example signs. */
async function featurebaseSignature(secret: string, timestamp: number, body: string): Promise<string> {
  // A secret given without its prefix is the same secret, as verifyFeaturebaseWebhook reads it.
  const whole = secret.startsWith("whsec_") ? secret : `whsec_${secret}`;
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(whole), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${timestamp}.${body}`));
  return [...new Uint8Array(mac)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The check of the `webhooks` option. */
export function checkFeaturebaseWebhooks(value: unknown): string | undefined {
  const shape =
    "must be an array of { url, topics, secret, id? } (url a string, topics an array of topic names, secret a non-empty string)";
  if (!Array.isArray(value)) return shape;
  for (const webhook of value) {
    if (typeof webhook !== "object" || webhook === null) return shape;
    const { url, topics, secret, id, ...extra } = webhook as Record<string, unknown>;
    if (Object.keys(extra).length > 0) return `${shape} (unknown field ${Object.keys(extra).join(", ")})`;
    if (typeof url !== "string" || typeof secret !== "string" || secret === "") return shape;
    if (!Array.isArray(topics) || !topics.every((topic) => typeof topic === "string")) return shape;
    if (id !== undefined && typeof id !== "string") return shape;
  }
  return undefined;
}

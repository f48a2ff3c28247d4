/**
 * folk's deliveries: to each active webhook with a subscription to the event's type whose filter matches,
 * the thin payload `{ id, type, createdAt, source, data: { id, url, changes? } }`, signed per Standard
 * Webhooks (https://developer.folk.app/webhooks/handle-deliveries). The signature is computed here with Web
 * Crypto, apart from the `standardwebhooks` package the receiver verifies with, so each checks the other.
 */
import type { FolkStore } from "../folk/store.js";
import type { OutgoingEvent, WebhookEndpoint, WebhookVendor } from "./dispatcher.js";
import type { FolkChange, FolkEventDraft } from "./folk-events.js";

/**
 * folk publishes no retry schedule [assumed]: the schedule of Svix's Standard Webhooks implementation
 * (https://docs.svix.com/retries): 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after each failure.
 */
const FOLK_RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

interface Subscription {
  eventType: string;
  filter?: { groupId?: string; objectType?: string; path?: string[]; value?: string };
}

function matches(subscription: Subscription, draft: FolkEventDraft): boolean {
  if (subscription.eventType !== draft.type) return false;
  const { groupId, objectType, path, value } = subscription.filter ?? {};
  if (groupId !== undefined && !draft.groupIds.includes(groupId)) return false;
  if (objectType !== undefined && objectType !== draft.objectType) return false;
  if (path === undefined || path.length === 0) return true;
  // A `path` filter: a change at that path (to `value`, when given). [assumed: folk documents the fields only]
  return (draft.changes ?? []).some(
    (change) => change.path.length === path.length && change.path.every((key, i) => key === path[i]) && valueMatches(change, value),
  );
}

function valueMatches(change: FolkChange, value: string | undefined): boolean {
  if (value === undefined) return true;
  const changed = change.value;
  if (typeof changed === "object" && changed !== null && "id" in changed) return String(changed.id) === value;
  return String(changed) === value;
}

async function standardWebhooksSignature(secret: string, event: OutgoingEvent, timestamp: number, body: string): Promise<string> {
  const key = Uint8Array.from(atob(secret.replace(/^whsec_/, "")), (char) => char.charCodeAt(0));
  const hmacKey = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", hmacKey, new TextEncoder().encode(`${event.id}.${timestamp}.${body}`));
  return `v1,${btoa(String.fromCharCode(...new Uint8Array(mac)))}`;
}

export const folkWebhooks: WebhookVendor<FolkEventDraft> = {
  retryDelaysMs: FOLK_RETRY_DELAYS_MS,
  route(draft, store, { baseUrl, now }) {
    const routes: Array<{ endpoint: WebhookEndpoint; event: OutgoingEvent }> = [];
    for (const webhook of (store as FolkStore).webhooks.activeWebhooks()) {
      if (!(webhook.subscribedEvents as Subscription[]).some((subscription) => matches(subscription, draft))) continue;
      const id = `evt_${crypto.randomUUID()}`;
      const payload = {
        id,
        type: draft.type,
        createdAt: new Date(now()).toISOString(),
        source: `${baseUrl}/v1/webhooks/${webhook.id}`,
        data: { id: draft.resourceId, url: `${baseUrl}${draft.resourcePath}`, ...(draft.changes ? { changes: draft.changes } : {}) },
      };
      routes.push({
        endpoint: { webhookId: webhook.id, url: webhook.targetUrl, secret: webhook.signingSecret },
        event: { id, type: draft.type, payload },
      });
    }
    return routes;
  },
  async sign(secret, event, timestamp, body) {
    return {
      "webhook-id": event.id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": await standardWebhooksSignature(secret, event, timestamp, body),
    };
  },
  draftOf(type, data) {
    const { id, path, changes, groupIds, objectType } = (data ?? {}) as Record<string, unknown>;
    if (typeof id !== "string" || typeof path !== "string" || !path.startsWith("/")) {
      throw new TypeError(
        'sendWebhookEvent (folk): data must be { id, path } with the resource\'s API path ("/v1/people/per_…"), and optionally changes, groupIds, objectType',
      );
    }
    return {
      type,
      resourceId: id,
      resourcePath: path,
      ...(Array.isArray(changes) ? { changes: changes as FolkChange[] } : {}),
      groupIds: Array.isArray(groupIds) ? groupIds.map(String) : [],
      ...(typeof objectType === "string" ? { objectType } : {}),
    };
  },
};

/**
 * Sends a sandbox's webhook events: one delivery per event and subscribed webhook, signed as the vendor signs
 * it, POSTed to the webhook's URL (loopback only, unless `webhookHosts` opts a host in) or handed to an
 * in-process `webhookHandler`, retried on the vendor's schedule, and recorded. `cancel()` (reset, or the
 * server closing) aborts what is in flight and drops the retries waiting, so no timer outlives the sandbox.
 */
import type { WebhookSandboxOptions } from "./options.js";

/** One attempt of a delivery: when, and the receiver's status or what went wrong. */
export interface WebhookAttempt {
  /** When the attempt started (epoch ms, the sandbox's clock). */
  at: number;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  /** Why the attempt failed without a status (refused host, connection error, timeout, cancelled). */
  error?: string;
}

/** A webhook delivery the sandbox sent (or is sending): the signed request, and every attempt. */
export interface WebhookDelivery {
  /** The event's id, as in the body and the vendor's id header: the same on every retry. */
  readonly id: string;
  /** The webhook it went to (folk's `wbk_…` id, or the id given in the Featurebase sandbox's `webhooks` option). */
  readonly webhookId: string;
  readonly url: string;
  /** The event type (folk's `type`, Featurebase's `topic`). */
  readonly type: string;
  /** The raw JSON body, exactly as signed and sent. */
  readonly body: string;
  /** The headers of the latest attempt, the signature headers included (each attempt is signed anew). */
  headers: Record<string, string>;
  /** `pending` while attempts remain, `delivered` after a 2xx, `failed` when none is left or it cannot be sent, `cancelled` by reset or close. */
  state: "pending" | "delivered" | "failed" | "cancelled";
  readonly attempts: WebhookAttempt[];
}

/** Where one event goes: a subscribed webhook. */
export interface WebhookEndpoint {
  webhookId: string;
  url: string;
  secret: string;
}

/** An event ready to be sent to one endpoint. */
export interface OutgoingEvent {
  id: string;
  type: string;
  payload: unknown;
}

/** What differs between vendors: who is subscribed, the payload, the signature and the retry schedule. */
export interface WebhookVendor<Draft> {
  /** Retries after a failed attempt, in ms from that attempt, as the vendor documents them (or assumes). */
  retryDelaysMs: readonly number[];
  /** The webhooks this event goes to, and its payload for each. */
  route(
    draft: Draft,
    store: unknown,
    context: { baseUrl: string; now: () => number },
  ): Array<{ endpoint: WebhookEndpoint; event: OutgoingEvent }>;
  /** The vendor's signature headers for this attempt. */
  sign(secret: string, event: OutgoingEvent, timestampSeconds: number, body: string): Promise<Record<string, string>>;
  /** A draft from `sandbox.sendWebhookEvent(type, data)`, or a TypeError naming what is wrong. */
  draftOf(type: string, data: unknown): Draft;
}

/** How long an HTTP attempt may take before it counts as failed (Featurebase's default webhook timeout). */
const ATTEMPT_TIMEOUT_MS = 5_000;

export interface WebhookDispatcher<Draft> {
  readonly deliveries: readonly WebhookDelivery[];
  send(drafts: readonly Draft[], store: unknown): void;
  /** Resolves when no attempt is in flight (a retry waiting for its time is not in flight). */
  settled(): Promise<void>;
  /** Aborts attempts in flight and drops the retries waiting; with `forget`, the record too. */
  cancel(options?: { forget?: boolean }): void;
  /** The base of `data.url` and `source` (the server's URL while `listen()` serves the sandbox). */
  baseUrl: string;
}

export function createWebhookDispatcher<Draft>(
  vendor: WebhookVendor<Draft>,
  options: WebhookSandboxOptions,
  now: () => number,
  defaultBaseUrl: string,
): WebhookDispatcher<Draft> {
  const deliveries: WebhookDelivery[] = [];
  const retryDelaysMs = options.webhookRetryDelaysMs ?? vendor.retryDelaysMs;
  const waiting = new Set<ReturnType<typeof setTimeout>>();
  const inFlight = new Set<{ controller: AbortController; done: Promise<void> }>();
  let generation = 0;

  const attempt = (delivery: WebhookDelivery, endpoint: WebhookEndpoint, event: OutgoingEvent) => {
    const controller = new AbortController();
    const mine = generation;
    const done = (async () => {
      const record: WebhookAttempt = { at: now() };
      delivery.attempts.push(record);
      const refusal = hostRefusal(endpoint.url, options);
      if (refusal) {
        record.error = refusal;
        delivery.state = "failed";
        return;
      }
      try {
        delivery.headers = {
          "content-type": "application/json",
          ...(await vendor.sign(endpoint.secret, event, Math.floor(now() / 1000), delivery.body)),
        };
        const request = new Request(endpoint.url, {
          method: "POST",
          headers: delivery.headers,
          body: delivery.body,
          signal: controller.signal,
        });
        const response = await receive(request, options, controller.signal);
        record.status = response.status;
        await response.body?.cancel();
      } catch (error) {
        record.error = controller.signal.aborted && mine !== generation ? "cancelled" : describe(error);
      }
      if (mine !== generation) return;
      if (record.status !== undefined && record.status >= 200 && record.status < 300) {
        delivery.state = "delivered";
        return;
      }
      const delay = retryDelaysMs[delivery.attempts.length - 1];
      if (delay === undefined) {
        delivery.state = "failed";
        return;
      }
      const timer = setTimeout(() => {
        waiting.delete(timer);
        attempt(delivery, endpoint, event);
      }, delay);
      waiting.add(timer);
    })();
    const entry = { controller, done };
    inFlight.add(entry);
    void done.finally(() => inFlight.delete(entry));
  };

  const dispatcher: WebhookDispatcher<Draft> = {
    deliveries,
    baseUrl: defaultBaseUrl,
    send(drafts, store) {
      for (const draft of drafts) {
        for (const { endpoint, event } of vendor.route(draft, store, { baseUrl: dispatcher.baseUrl, now })) {
          const delivery: WebhookDelivery = {
            id: event.id,
            webhookId: endpoint.webhookId,
            url: endpoint.url,
            type: event.type,
            body: JSON.stringify(event.payload),
            headers: {},
            state: "pending",
            attempts: [],
          };
          deliveries.push(delivery);
          // After the API call that caused it has answered, as a vendor's queue would send it.
          queueMicrotask(() => attempt(delivery, endpoint, event));
        }
      }
    },
    async settled() {
      // An attempt can schedule nothing new while awaited, but a microtask-queued first attempt may start late.
      await Promise.resolve();
      while (inFlight.size > 0) await Promise.allSettled([...inFlight].map((entry) => entry.done));
    },
    cancel({ forget = false } = {}) {
      generation++;
      for (const timer of waiting) clearTimeout(timer);
      waiting.clear();
      for (const { controller } of inFlight) controller.abort(new DOMException("the sandbox was reset or closed", "AbortError"));
      for (const delivery of deliveries) if (delivery.state === "pending") delivery.state = "cancelled";
      if (forget) deliveries.length = 0;
    },
  };
  return dispatcher;
}

/** The receiver's answer: the in-process handler's, or the URL's over HTTP (with a timeout). */
async function receive(request: Request, options: WebhookSandboxOptions, signal: AbortSignal): Promise<Response> {
  const handler = options.webhookHandler;
  if (handler) {
    // A handler that ignores the request's signal still cannot keep a cancelled delivery in flight.
    const aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
    aborted.catch(() => {}); // an abort after the handler answered is no one's concern
    return await Promise.race([Promise.resolve().then(() => handler(request)), aborted]);
  }
  const timeout = AbortSignal.timeout(ATTEMPT_TIMEOUT_MS);
  return await fetch(request, { signal: AbortSignal.any([signal, timeout]), redirect: "manual" });
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Why a delivery may not go to this URL, or undefined when it may. */
function hostRefusal(url: string, options: WebhookSandboxOptions): string | undefined {
  if (options.webhookHandler) return undefined; // nothing leaves the process
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `not a URL: ${url}`;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return `not an http(s) URL: ${url}`;
  const allowed = options.webhookHosts ?? [];
  if (LOOPBACK.test(parsed.hostname) || allowed.includes("*") || allowed.includes(parsed.hostname)) return undefined;
  return `the sandbox delivers only to loopback hosts; ${parsed.hostname} is not one (opt it in with the webhookHosts option)`;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error.cause as { code?: unknown } | undefined)?.code;
    return typeof code === "string" ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

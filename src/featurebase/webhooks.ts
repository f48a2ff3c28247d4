/**
 * Verifying a Featurebase webhook delivery (https://developers.featurebase.app/guides/webhooks/security):
 * `X-Webhook-Signature` is the hex HMAC-SHA256 of `<X-Webhook-Timestamp>.<raw body>`, keyed with the
 * webhook's secret, and the timestamp must be within 5 minutes. Web Crypto only, so it runs in Node 20+,
 * workers, Deno and Bun without a dependency.
 */
import type { components } from "../../generated/featurebase.js";
import { type VerifyWebhookOptions, type WebhookDeliveryInput, WebhookVerificationError } from "../core/index.js";
import { checkTimestamp, parseEventBody, readDelivery, requireHeaders } from "../core/vendor-kit.js";

/** Any event Featurebase delivers, told apart by `topic` (`post.created`, `comment.updated`, …). */
export type FeaturebaseWebhookEvent = components["schemas"]["WebhookEvent"];
/** The topics Featurebase delivers. */
export type FeaturebaseWebhookTopic = FeaturebaseWebhookEvent["topic"];

const VENDOR = "featurebase";
const SIGNATURE = "x-webhook-signature";
const TIMESTAMP = "x-webhook-timestamp";
const SECRET_PREFIX = "whsec_";

/**
 * Verifies a Featurebase webhook delivery and resolves to its event, typed by `topic`:
 *
 *   const event = await verifyFeaturebaseWebhook(request, process.env.FEATUREBASE_WEBHOOK_SECRET!);
 *   if (event.topic === "post.updated") console.log(event.data.item.id, event.data.changes);
 *
 * `delivery` is a fetch Request, or `{ headers, body }` with the raw body (a string or bytes, as received).
 * `secret` is the webhook's signing secret (`whsec_…`); given without its prefix, the prefix is added, since
 * Featurebase keys the HMAC with the whole secret string. Refuses, with a WebhookVerificationError saying which
 * check failed, a delivery with a header missing, a timestamp more than `toleranceMs` (default 5 minutes) from
 * now, or a signature that does not match the raw body (checked by Web Crypto's constant-time verify).
 */
export async function verifyFeaturebaseWebhook(
  delivery: WebhookDeliveryInput,
  secret: string,
  options: VerifyWebhookOptions = {},
): Promise<FeaturebaseWebhookEvent> {
  const { headers, bytes, text } = await readDelivery(VENDOR, delivery);
  const values = requireHeaders(VENDOR, headers, [SIGNATURE, TIMESTAMP]);
  checkTimestamp(VENDOR, "X-Webhook-Timestamp", values[TIMESTAMP], options);
  const signature = hexBytes(values[SIGNATURE]);
  if (!signature) {
    throw new WebhookVerificationError(VENDOR, "signature", "X-Webhook-Signature is not a hex HMAC-SHA256 (64 hex digits)");
  }
  const key = await hmacKey(secret, ["verify"]);
  const signed = concat(new TextEncoder().encode(`${values[TIMESTAMP]}.`), bytes);
  if (!(await crypto.subtle.verify("HMAC", key, signature, signed))) {
    throw new WebhookVerificationError(
      VENDOR,
      "signature",
      "X-Webhook-Signature does not match the body: the body or timestamp was changed, or the secret is not this webhook's",
    );
  }
  return parseEventBody<FeaturebaseWebhookEvent>(VENDOR, text);
}

/**
 * The `X-Webhook-Signature` Featurebase sends for this timestamp (Unix seconds) and raw body: what the
 * sandbox signs its deliveries with, and what a test can sign a hand-made delivery with.
 */
export async function signFeaturebaseWebhook(secret: string, timestamp: number, body: string | Uint8Array): Promise<string> {
  const key = await hmacKey(secret, ["sign"]);
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const mac = await crypto.subtle.sign("HMAC", key, concat(new TextEncoder().encode(`${timestamp}.`), bytes));
  return [...new Uint8Array(mac)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

function hmacKey(secret: string, usages: KeyUsage[]): Promise<CryptoKey> {
  if (typeof secret !== "string" || secret.trim() === "") {
    throw new WebhookVerificationError(VENDOR, "secret", "the signing secret is empty");
  }
  const whole = secret.trim().startsWith(SECRET_PREFIX) ? secret.trim() : `${SECRET_PREFIX}${secret.trim()}`;
  return crypto.subtle.importKey("raw", new TextEncoder().encode(whole), { name: "HMAC", hash: "SHA-256" }, false, usages);
}

function hexBytes(hex: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return undefined;
  return Uint8Array.from({ length: 32 }, (_, i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

function concat(head: Uint8Array, tail: Uint8Array): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(head.length + tail.length);
  joined.set(head);
  joined.set(tail, head.length);
  return joined;
}

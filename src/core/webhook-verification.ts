/**
 * What the vendors' webhook verifiers share: reading a delivery from a fetch Request or from a raw
 * `{ headers, body }`, the timestamp window, a constant-time comparison, and the error every refusal throws.
 * Nothing here knows a vendor's signature scheme.
 */
import { CrmKitError, nameErrorClasses } from "./errors.js";

/** Which check refused a delivery. */
export type WebhookCheck = "headers" | "timestamp" | "signature" | "secret" | "body";

/**
 * A webhook delivery was refused: `check` says which check failed (a header missing, a timestamp outside the
 * window, a signature that does not match, a secret that cannot be used, a body that is not the raw JSON).
 * The message never contains the secret. Answer the delivery with a 4xx: the vendor then retries it.
 */
export class WebhookVerificationError extends CrmKitError {
  /** The vendor whose delivery was refused, e.g. "folk". */
  declare readonly vendor: string;
  /** The check that failed. */
  declare readonly check: WebhookCheck;

  constructor(vendor: string, check: WebhookCheck, message: string) {
    super(`${vendor} webhook refused (${check}): ${message}`);
    this.vendor = vendor;
    this.check = check;
  }
}
nameErrorClasses({ WebhookVerificationError });

/** Header values as node:http, express and most servers give them. */
export type RawHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * A delivery as a Node server sees it: the headers and the body exactly as received (a string or the bytes;
 * with express, `express.raw({ type: "application/json" })` keeps them). A body parsed into an object cannot
 * be verified: its bytes are gone.
 */
export interface RawWebhookDelivery {
  headers: RawHeaders;
  body: string | Uint8Array | ArrayBuffer;
}

/** What a verifier accepts: a fetch Request (Next.js, Hono, workers) or the raw headers and body. */
export type WebhookDeliveryInput = Request | RawWebhookDelivery;

export interface VerifyWebhookOptions {
  /** How far the delivery's timestamp may be from now, either way, in ms (default: the vendor's window, 5 minutes). */
  toleranceMs?: number;
  /** The clock, in epoch ms (defaults to Date.now; a test passes its own). */
  now?: () => number;
}

/** The vendors' replay window: folk (Standard Webhooks' libraries) and Featurebase both use 5 minutes. */
export const DEFAULT_WEBHOOK_TOLERANCE_MS = 5 * 60_000;

/** A delivery read once: lower-case headers and the raw body's bytes and text. */
export interface ReadDelivery {
  headers: Headers;
  bytes: Uint8Array;
  text: string;
}

/** Reads the headers and the raw body of a delivery, or refuses one whose body is not raw. */
export async function readDelivery(vendor: string, input: WebhookDeliveryInput): Promise<ReadDelivery> {
  if (typeof Request !== "undefined" && input instanceof Request) {
    if (input.bodyUsed) throw new WebhookVerificationError(vendor, "body", "the request's body was already read; verify before reading it");
    const bytes = new Uint8Array(await input.arrayBuffer());
    return { headers: input.headers, bytes, text: new TextDecoder().decode(bytes) };
  }
  if (typeof input !== "object" || input === null || !("headers" in input) || !("body" in input)) {
    throw new WebhookVerificationError(vendor, "body", "expected a fetch Request or { headers, body } with the raw body");
  }
  const headers = toHeaders(input.headers);
  const { body } = input;
  if (typeof body === "string") return { headers, bytes: new TextEncoder().encode(body), text: body };
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    const bytes = body instanceof ArrayBuffer ? new Uint8Array(body) : body;
    return { headers, bytes, text: new TextDecoder().decode(bytes) };
  }
  throw new WebhookVerificationError(
    vendor,
    "body",
    `body must be the raw body as received (a string, Buffer or Uint8Array), got ${body === null ? "null" : typeof body}; ` +
      "a body parsed by a JSON middleware cannot be verified (with express, use express.raw({ type: 'application/json' }))",
  );
}

function toHeaders(raw: RawHeaders): Headers {
  if (raw instanceof Headers) return raw;
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    headers.set(name, typeof value === "string" ? value : value.join(", "));
  }
  return headers;
}

/** The headers' values, or a refusal naming every one that is missing. */
export function requireHeaders<Name extends string>(vendor: string, headers: Headers, names: readonly Name[]): Record<Name, string> {
  const values = {} as Record<Name, string>;
  const missing: string[] = [];
  for (const name of names) {
    const value = headers.get(name);
    if (value === null || value.trim() === "") missing.push(name);
    else values[name] = value.trim();
  }
  if (missing.length > 0) throw new WebhookVerificationError(vendor, "headers", `missing header ${missing.join(", ")}`);
  return values;
}

/** The timestamp header (Unix seconds) as a number, refused when it is not one or lies outside the window. */
export function checkTimestamp(vendor: string, header: string, value: string, options: VerifyWebhookOptions): number {
  const toleranceMs = options.toleranceMs ?? DEFAULT_WEBHOOK_TOLERANCE_MS;
  if (!Number.isFinite(toleranceMs) || toleranceMs < 0) {
    throw new TypeError(`toleranceMs must be a number of ms >= 0, got ${String(toleranceMs)}`);
  }
  if (!/^\d{1,15}$/.test(value))
    throw new WebhookVerificationError(vendor, "timestamp", `${header} is not Unix seconds: ${JSON.stringify(value.slice(0, 20))}`);
  const seconds = Number(value);
  const now = (options.now ?? Date.now)();
  const offsetMs = now - seconds * 1000;
  if (Math.abs(offsetMs) > toleranceMs) {
    const when = offsetMs > 0 ? `${Math.round(offsetMs / 1000)} s old` : `${Math.round(-offsetMs / 1000)} s in the future`;
    throw new WebhookVerificationError(vendor, "timestamp", `${header} is ${when}, outside the ${toleranceMs / 1000} s window`);
  }
  return seconds;
}

/** Equal strings, compared in time that depends only on their lengths (a length is no secret). */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let i = 0; i < left.length; i++) difference |= (left[i] as number) ^ (right[i] as number);
  return difference === 0;
}

/** The body as JSON, or a refusal (a signed body that is not JSON is the vendor's bug or a test's). */
export function parseEventBody<Event>(vendor: string, text: string): Event {
  try {
    return JSON.parse(text) as Event;
  } catch {
    throw new WebhookVerificationError(vendor, "body", "the signed body is not JSON");
  }
}

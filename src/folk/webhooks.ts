/**
 * Verifying a folk webhook delivery. folk signs per Standard Webhooks (https://www.standardwebhooks.com/,
 * https://developer.folk.app/webhooks/handle-deliveries) and recommends its official libraries, so the
 * signature is computed by the `standardwebhooks` package: an optional peer dependency, loaded on the first
 * verification only, so that `crm-kit/folk` imports without it.
 */
import type { components } from "../../generated/folk.js";
import { type VerifyWebhookOptions, type WebhookDeliveryInput, WebhookVerificationError } from "../core/index.js";
import { checkTimestamp, constantTimeEqual, parseEventBody, readDelivery, requireHeaders } from "../core/vendor-kit.js";

/** Any event folk delivers, told apart by `type` (`person.updated`, `company.created`, …). */
export type FolkWebhookEvent = components["schemas"]["WebhookEvent"];
/** The event types folk delivers. */
export type FolkWebhookEventType = FolkWebhookEvent["type"];

const VENDOR = "folk";
const HEADERS = ["webhook-id", "webhook-timestamp", "webhook-signature"] as const;

/** The part of `standardwebhooks`' Webhook class used here. */
interface StandardWebhook {
  sign(msgId: string, timestamp: Date, payload: string | Uint8Array): string;
}
type StandardWebhookClass = new (secret: string) => StandardWebhook;

let library: Promise<StandardWebhookClass> | undefined;

/** `standardwebhooks`, imported once; a clear error when it is not installed. */
function loadStandardWebhooks(): Promise<StandardWebhookClass> {
  library ??= import("standardwebhooks").then(
    (module: { Webhook?: StandardWebhookClass; default?: { Webhook?: StandardWebhookClass } }) => {
      const Webhook = module.Webhook ?? module.default?.Webhook;
      if (!Webhook) throw new Error("the standardwebhooks package has no Webhook class");
      return Webhook;
    },
    (cause: unknown) => {
      library = undefined; // installed later (a watch-mode server): try again on the next call
      throw new Error(
        "verifyFolkWebhook needs the optional peer dependency standardwebhooks (folk signs per Standard Webhooks): " +
          "npm install standardwebhooks",
        { cause },
      );
    },
  );
  return library;
}

/**
 * Verifies a folk webhook delivery and resolves to its event, typed by `type`:
 *
 *   const event = await verifyFolkWebhook(request, process.env.FOLK_WEBHOOK_SECRET!);
 *   if (event.type === "person.updated") console.log(event.data.id, event.data.changes);
 *
 * `delivery` is a fetch Request, or `{ headers, body }` with the raw body (a string or bytes, as received).
 * `secret` is the webhook's signing secret as folk showed it at creation (`whsec_…`), or its base64 part.
 * Refuses, with a WebhookVerificationError saying which check failed, a delivery with a `webhook-*` header
 * missing, a timestamp more than `toleranceMs` (default 5 minutes) from now, or no signature matching the
 * raw body (compared in constant time). Throws a plain Error when `standardwebhooks` is not installed.
 */
export async function verifyFolkWebhook(
  delivery: WebhookDeliveryInput,
  secret: string,
  options: VerifyWebhookOptions = {},
): Promise<FolkWebhookEvent> {
  const { headers, bytes, text } = await readDelivery(VENDOR, delivery);
  const values = requireHeaders(VENDOR, headers, HEADERS);
  const seconds = checkTimestamp(VENDOR, "webhook-timestamp", values["webhook-timestamp"], options);
  const Webhook = await loadStandardWebhooks();
  // The library's own verify() has a fixed 5-minute window on Date.now and one message for every failure;
  // its sign() gives the expected signature, compared here so that `toleranceMs` applies and the refusal
  // says which check failed.
  const expected = signerFor(Webhook, secret).sign(values["webhook-id"], new Date(seconds * 1000), bytes);
  const offered = values["webhook-signature"].split(" ").filter((entry) => entry !== "");
  // Every entry is compared (no early exit), so the time taken does not tell which one matched.
  const matches = offered.map((entry) => constantTimeEqual(entry, expected)).includes(true);
  if (!matches) {
    throw new WebhookVerificationError(
      VENDOR,
      "signature",
      `no signature in webhook-signature matches the body (${offered.length} offered): the body was changed, or the secret is not this webhook's`,
    );
  }
  return parseEventBody<FolkWebhookEvent>(VENDOR, text);
}

/** The library's signer for this secret, or a refusal that does not repeat the secret. */
function signerFor(Webhook: StandardWebhookClass, secret: string): StandardWebhook {
  if (typeof secret !== "string" || secret.trim() === "") {
    throw new WebhookVerificationError(VENDOR, "secret", "the signing secret is empty");
  }
  try {
    return new Webhook(secret.trim());
  } catch {
    throw new WebhookVerificationError(VENDOR, "secret", "the signing secret is not folk's form: whsec_ followed by base64");
  }
}

import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type FeaturebaseWebhookEvent,
  signFeaturebaseWebhook,
  verifyFeaturebaseWebhook,
  WebhookVerificationError,
} from "../../src/featurebase/index.js";
import { refusal } from "../core/helpers/webhook-refusal.js";

const SECRET = "whsec_3f1c9a7e5b2d4c6a8e0f1b3d5c7a9e2f";
const SENT_AT = 1733666400;
const at = (offsetMs = 0) => ({ now: () => SENT_AT * 1000 + offsetMs });
// Featurebase's post.updated example (https://docs.featurebase.app/webhooks).
const BODY = JSON.stringify({
  id: "notif_0193a6e6-fb6b-78ef-b71f-15008d9f9cde",
  topic: "post.updated",
  data: {
    type: "notification_event_data",
    item: { object: "post", id: "6755c4afb12a37dffa6319b0", title: "My new title" },
    changes: [{ field: "title", oldValue: "My old title", newValue: "My new title" }],
  },
});

/**
 * Featurebase's documented procedure (https://developers.featurebase.app/guides/webhooks/security), as its
 * Python example does it: hex HMAC-SHA256 of "<timestamp>.<raw body>", keyed with the secret string, UTF-8.
 */
function documentedSignature(body: string, secret = SECRET, timestamp = SENT_AT): string {
  return createHmac("sha256", Buffer.from(secret, "utf8")).update(`${timestamp}.${body}`).digest("hex");
}

function headers(overrides: Record<string, string | undefined> = {}) {
  const all = { "X-Webhook-Signature": documentedSignature(BODY), "X-Webhook-Timestamp": String(SENT_AT), ...overrides };
  return Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

describe("verifyFeaturebaseWebhook", () => {
  it("accepts what Featurebase's documented procedure signs, from a fetch Request, typed by topic", async () => {
    const request = new Request("https://app.example/webhooks/featurebase", { method: "POST", headers: headers(), body: BODY });
    const event: FeaturebaseWebhookEvent = await verifyFeaturebaseWebhook(request, SECRET, at());
    expect(event.topic === "post.updated" && event.data.changes).toEqual([
      { field: "title", oldValue: "My old title", newValue: "My new title" },
    ]);
  });

  it("accepts { headers, body } with a string or a Buffer body, and the secret without its whsec_ prefix", async () => {
    for (const body of [BODY, Buffer.from(BODY)]) {
      for (const secret of [SECRET, SECRET.slice("whsec_".length)]) {
        await expect(verifyFeaturebaseWebhook({ headers: headers(), body }, secret, at())).resolves.toMatchObject({
          topic: "post.updated",
        });
      }
    }
  });

  it("signs as the documented procedure does", async () => {
    await expect(signFeaturebaseWebhook(SECRET, SENT_AT, BODY)).resolves.toBe(documentedSignature(BODY));
  });

  it("refuses a tampered body and a changed timestamp, naming the signature check", async () => {
    const tampered = await refusal(verifyFeaturebaseWebhook({ headers: headers(), body: BODY.replace("My new", "Evil") }, SECRET, at()));
    expect(tampered).toBeInstanceOf(WebhookVerificationError); // the class crm-kit/featurebase exports
    expect(tampered.check).toBe("signature");
    const moved = await refusal(
      verifyFeaturebaseWebhook({ headers: headers({ "X-Webhook-Timestamp": String(SENT_AT + 1) }), body: BODY }, SECRET, at()),
    );
    expect(moved.check).toBe("signature");
  });

  it("refuses a wrong secret without repeating either secret", async () => {
    const wrong = "whsec_00000000000000000000000000000000";
    const error = await refusal(verifyFeaturebaseWebhook({ headers: headers(), body: BODY }, wrong, at()));
    expect(error.check).toBe("signature");
    for (const text of [error.message, error.stack ?? "", JSON.stringify(error)]) {
      expect(text).not.toContain(wrong.slice(6));
      expect(text).not.toContain(SECRET.slice(6));
    }
  });

  it("refuses a signature that is not 64 hex digits", async () => {
    const error = await refusal(
      verifyFeaturebaseWebhook({ headers: headers({ "X-Webhook-Signature": "sha256=abc" }), body: BODY }, SECRET, at()),
    );
    expect([error.check, error.message]).toEqual(["signature", expect.stringContaining("64 hex digits")]);
  });

  it("refuses a timestamp outside the 5-minute window, and toleranceMs changes the window", async () => {
    const input = () => ({ headers: headers(), body: BODY });
    await expect(verifyFeaturebaseWebhook(input(), SECRET, at(300_000))).resolves.toBeDefined();
    const stale = await refusal(verifyFeaturebaseWebhook(input(), SECRET, at(300_001)));
    expect([stale.check, stale.message]).toEqual(["timestamp", expect.stringContaining("outside the 300 s window")]);
    await expect(verifyFeaturebaseWebhook(input(), SECRET, { ...at(3_600_000), toleranceMs: 7_200_000 })).resolves.toBeDefined();
    expect((await refusal(verifyFeaturebaseWebhook(input(), SECRET, { ...at(1_500), toleranceMs: 1_000 }))).check).toBe("timestamp");
  });

  it("refuses a delivery missing either header, naming it", async () => {
    for (const name of ["X-Webhook-Signature", "X-Webhook-Timestamp"]) {
      const error = await refusal(verifyFeaturebaseWebhook({ headers: headers({ [name]: undefined }), body: BODY }, SECRET, at()));
      expect([error.check, error.message]).toEqual(["headers", expect.stringContaining(`missing header ${name.toLowerCase()}`)]);
    }
  });

  it("refuses an empty secret as a secret problem", async () => {
    expect((await refusal(verifyFeaturebaseWebhook({ headers: headers(), body: BODY }, " ", at()))).check).toBe("secret");
  });
});

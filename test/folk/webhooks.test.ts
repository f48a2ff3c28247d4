import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type FolkWebhookEvent, verifyFolkWebhook, WebhookVerificationError } from "../../src/folk/index.js";
import { refusal } from "../core/helpers/webhook-refusal.js";

// The Standard Webhooks specification's published test vector (folk signs per that specification):
// https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};
const atVector = { now: () => VECTOR.timestamp * 1000 };

const vectorHeaders = (overrides: Record<string, string | undefined> = {}) => {
  const headers: Record<string, string> = {};
  const all = {
    "webhook-id": VECTOR.id,
    "webhook-timestamp": String(VECTOR.timestamp),
    "webhook-signature": VECTOR.signature,
    ...overrides,
  };
  for (const [name, value] of Object.entries(all)) if (value !== undefined) headers[name] = value;
  return headers;
};

// folk's person.updated example (https://developer.folk.app/webhooks/events-and-payloads), signed by the
// procedure the specification documents: base64 HMAC-SHA256 of "<id>.<timestamp>.<body>" with the decoded key.
const SECRET = `whsec_${Buffer.from("a folk webhook signing key, 32 b").toString("base64")}`;
const EVENT = {
  id: "evt_6004f2ef-dcc3-4c56-a704-9326730ad100",
  type: "person.updated",
  createdAt: "2025-09-30T09:55:52.715Z",
  source: "https://api.folk.app/v1/webhooks/wbk_2f15ec4f-0f70-4884-a43d-1f88ef7a6665",
  data: {
    id: "per_05837e2d-9bf7-4f17-8729-e95f1be4de67",
    url: "https://api.folk.app/v1/people/per_05837e2d-9bf7-4f17-8729-e95f1be4de67",
    changes: [{ path: ["jobTitle"], type: "set", value: "CTO" }],
  },
};
const SENT_AT = 1759226152;

function signed(body: string, secret = SECRET, timestamp = SENT_AT) {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signature = createHmac("sha256", key).update(`${EVENT.id}.${timestamp}.${body}`).digest("base64");
  return { "webhook-id": EVENT.id, "webhook-timestamp": String(timestamp), "webhook-signature": `v1,${signature}` };
}

describe("verifyFolkWebhook", () => {
  it("accepts the Standard Webhooks test vector, with the secret's whsec_ prefix or without it", async () => {
    for (const secret of [VECTOR.secret, VECTOR.secret.slice("whsec_".length)]) {
      await expect(verifyFolkWebhook({ headers: vectorHeaders(), body: VECTOR.body }, secret, atVector)).resolves.toEqual({
        test: 2432232314,
      });
    }
  });

  it("resolves a fetch Request to folk's event, typed by type", async () => {
    const body = JSON.stringify(EVENT);
    const request = new Request("https://app.example/webhooks/folk", { method: "POST", headers: signed(body), body });
    const event: FolkWebhookEvent = await verifyFolkWebhook(request, SECRET, { now: () => SENT_AT * 1000 });
    expect(event.type === "person.updated" && event.data.changes).toEqual([{ path: ["jobTitle"], type: "set", value: "CTO" }]);
  });

  it("accepts raw bytes and node:http's header records (a Buffer body, lower-case names)", async () => {
    const body = JSON.stringify(EVENT);
    const event = await verifyFolkWebhook({ headers: signed(body), body: Buffer.from(body) }, SECRET, { now: () => SENT_AT * 1000 });
    expect(event.id).toBe(EVENT.id);
  });

  it("accepts one matching signature among several (a rotated secret)", async () => {
    const headers = vectorHeaders({ "webhook-signature": `v1,bm90IHRoaXMgb25l ${VECTOR.signature}` });
    await expect(verifyFolkWebhook({ headers, body: VECTOR.body }, VECTOR.secret, atVector)).resolves.toBeDefined();
  });

  it("refuses a tampered body, naming the signature check", async () => {
    const error = await refusal(verifyFolkWebhook({ headers: vectorHeaders(), body: '{"test": 2432232315}' }, VECTOR.secret, atVector));
    expect(error).toBeInstanceOf(WebhookVerificationError); // the class crm-kit/folk exports
    expect(error.check).toBe("signature");
    expect(error.message).toMatch(/no signature in webhook-signature matches/);
  });

  it("refuses a wrong secret without repeating either secret", async () => {
    const wrong = `whsec_${Buffer.from("another key entirely, 32 bytes!!").toString("base64")}`;
    const error = await refusal(verifyFolkWebhook({ headers: vectorHeaders(), body: VECTOR.body }, wrong, atVector));
    expect(error.check).toBe("signature");
    for (const text of [error.message, error.stack ?? "", JSON.stringify(error)]) {
      expect(text).not.toContain(wrong.slice(6));
      expect(text).not.toContain(VECTOR.secret.slice(6));
    }
  });

  it("refuses a secret that is not whsec_ + base64, without echoing it", async () => {
    const error = await refusal(verifyFolkWebhook({ headers: vectorHeaders(), body: VECTOR.body }, "whsec_not*base64*at*all", atVector));
    expect(error.check).toBe("secret");
    expect(error.message).not.toContain("not*base64");
  });

  it("refuses a stale timestamp and one from the future, 5 minutes either way by default", async () => {
    const input = () => ({ headers: vectorHeaders(), body: VECTOR.body });
    const at = (offsetMs: number) => ({ now: () => VECTOR.timestamp * 1000 + offsetMs });
    await expect(verifyFolkWebhook(input(), VECTOR.secret, at(300_000))).resolves.toBeDefined();
    const stale = await refusal(verifyFolkWebhook(input(), VECTOR.secret, at(301_000)));
    expect([stale.check, stale.message]).toEqual(["timestamp", expect.stringMatching(/301 s old, outside the 300 s window/)]);
    expect((await refusal(verifyFolkWebhook(input(), VECTOR.secret, at(-301_000)))).message).toMatch(/in the future/);
  });

  it("takes toleranceMs to widen or narrow the window", async () => {
    const input = () => ({ headers: vectorHeaders(), body: VECTOR.body });
    const tenMinutesLater = () => VECTOR.timestamp * 1000 + 600_000;
    await expect(verifyFolkWebhook(input(), VECTOR.secret, { now: tenMinutesLater, toleranceMs: 3_600_000 })).resolves.toBeDefined();
    const error = await refusal(
      verifyFolkWebhook(input(), VECTOR.secret, { now: () => VECTOR.timestamp * 1000 + 2_000, toleranceMs: 1_000 }),
    );
    expect(error.check).toBe("timestamp");
  });

  it("refuses a delivery missing any of the webhook-* headers, naming it", async () => {
    for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
      const error = await refusal(
        verifyFolkWebhook({ headers: vectorHeaders({ [name]: undefined }), body: VECTOR.body }, VECTOR.secret, atVector),
      );
      expect([error.check, error.message]).toEqual(["headers", expect.stringContaining(`missing header ${name}`)]);
    }
  });

  it("refuses a body a JSON middleware already parsed, saying how to keep it raw", async () => {
    const parsed = JSON.parse(VECTOR.body) as unknown as string;
    const error = await refusal(verifyFolkWebhook({ headers: vectorHeaders(), body: parsed }, VECTOR.secret, atVector));
    expect([error.check, error.message]).toEqual(["body", expect.stringContaining("express.raw")]);
  });

  it("refuses a Request whose body was already read", async () => {
    const request = new Request("https://app.example/hook", { method: "POST", headers: vectorHeaders(), body: VECTOR.body });
    await request.text();
    expect((await refusal(verifyFolkWebhook(request, VECTOR.secret, atVector))).check).toBe("body");
  });
});

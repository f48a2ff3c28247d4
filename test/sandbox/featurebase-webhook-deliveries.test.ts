import { afterEach, describe, expect, it, vi } from "vitest";
import { type FeaturebaseWebhookEvent, verifyFeaturebaseWebhook } from "../../src/featurebase/index.js";
import { createSandbox } from "../../src/sandbox/index.js";

const SECRET = "whsec_5d1c0e9b7a3f4e2d8c6b0a1f3e5d7c9b";
const POST = { object: "post", id: "6755c4afb12a37dffa6319b0", title: "Dark mode" };

afterEach(() => {
  vi.useRealTimers();
});

describe("Featurebase sandbox webhook deliveries", { timeout: 30_000 }, () => {
  it("sends an event to the webhooks subscribed to its topic, signed as Featurebase signs", async () => {
    const received: Request[] = [];
    const sandbox = createSandbox("featurebase", {
      webhooks: [
        { id: "posts", url: "http://127.0.0.1:9/hooks/featurebase", topics: ["post.created", "post.updated"], secret: SECRET },
        { id: "comments", url: "http://127.0.0.1:9/hooks/comments", topics: ["comment.created"], secret: SECRET },
      ],
      webhookHandler: (request) => {
        received.push(request);
        return new Response(null, { status: 200 });
      },
    });
    sandbox.sendWebhookEvent("post.updated", { item: POST, changes: [{ field: "title", oldValue: "Dark", newValue: "Dark mode" }] });
    await sandbox.deliveriesSettled();

    expect(received).toHaveLength(1);
    const event: FeaturebaseWebhookEvent = await verifyFeaturebaseWebhook(received[0] as Request, SECRET);
    expect(event).toMatchObject({
      object: "notification_event",
      topic: "post.updated",
      data: { type: "notification_event_data", item: POST, changes: [{ field: "title", oldValue: "Dark", newValue: "Dark mode" }] },
    });
    expect(event.id).toMatch(/^notif_/);
    expect(sandbox.deliveries).toEqual([expect.objectContaining({ webhookId: "posts", type: "post.updated", state: "delivered" })]);
  });

  it("retries 1 minute, 1 hour and 6 hours after failures, as Featurebase documents, then fails", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-01-01T00:00:00Z") });
    const start = Date.now();
    const sandbox = createSandbox("featurebase", {
      webhooks: [{ url: "http://localhost:9/hook", topics: ["post.created"], secret: SECRET }],
      webhookHandler: () => new Response("down", { status: 503 }),
    });
    sandbox.sendWebhookEvent("post.created", { item: POST });
    await sandbox.deliveriesSettled();
    for (const delay of [60_000, 3_600_000, 21_600_000]) {
      await vi.advanceTimersByTimeAsync(delay);
      await sandbox.deliveriesSettled();
    }
    const [delivery] = sandbox.deliveries;
    expect(delivery?.webhookId).toBe("webhook-1");
    expect(delivery?.state).toBe("failed");
    expect(delivery?.attempts.map((attempt) => [attempt.at - start, attempt.status])).toEqual([
      [0, 503],
      [60_000, 503],
      [3_660_000, 503],
      [25_260_000, 503],
    ]);
  });

  it("refuses a webhook with an unknown topic or without a secret, and an event it does not document", () => {
    expect(() =>
      createSandbox("featurebase", { webhooks: [{ url: "http://localhost/h", topics: ["company.created"], secret: SECRET }] }),
    ).toThrow(/unknown topics company.created \(valid: post.created/);
    expect(() => createSandbox("featurebase", { webhooks: [{ url: "http://localhost/h", topics: ["post.created"] }] as never })).toThrow(
      /option webhooks must be an array of \{ url, topics, secret, id\? \}/,
    );
    const sandbox = createSandbox("featurebase");
    expect(() => sandbox.sendWebhookEvent("contact.created", { item: {} })).toThrow(/featurebase has no event "contact.created"/);
    expect(() => sandbox.sendWebhookEvent("post.created", { title: "no item" })).toThrow(/data must be \{ item, changes\? \}/);
  });

  it("has no deliveries in a sandbox of an API without webhooks", () => {
    const sandbox = createSandbox("kare");
    expect(sandbox.deliveries).toEqual([]);
    expect(() => sandbox.sendWebhookEvent("contact.created", {})).toThrow(/kare documents no webhooks/);
  });
});

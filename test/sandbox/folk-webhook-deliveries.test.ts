import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { unwrap } from "../../src/core/index.js";
import { type CreateWebhookRequest, createFolkClient, type FolkWebhookEvent, verifyFolkWebhook } from "../../src/folk/index.js";
import { createSandbox } from "../../src/sandbox/index.js";
import { SEEDED } from "./folk-sandbox.js";

/** A folk sandbox whose deliveries go to an in-process handler that records them and answers `statuses` in turn. */
function folkWithReceiver(statuses: number[] = [], options: { now?: () => number } = {}) {
  const received: Request[] = [];
  const sandbox = createSandbox("folk", {
    validateResponses: true,
    ...options,
    webhookHandler: (request) => {
      received.push(request);
      return new Response(null, { status: statuses.shift() ?? 204 });
    },
  });
  const folk = createFolkClient({ apiKey: "folk_test_sandbox", fetch: sandbox.fetch, maxRetries: 0 });
  return { sandbox, folk, received };
}

async function subscribe(
  folk: ReturnType<typeof createFolkClient>,
  subscribedEvents: Array<{ eventType: string; filter?: Record<string, unknown> }>,
  targetUrl = "http://127.0.0.1:9/hooks/folk",
) {
  const body = { name: "sync", targetUrl, subscribedEvents } as CreateWebhookRequest;
  return (await unwrap(folk.POST("/v1/webhooks", { body }))).data;
}

afterEach(() => {
  vi.useRealTimers();
});

// Each test makes several validated sandbox calls: seconds on a loaded machine, hence the generous timeout.
describe("folk sandbox webhook deliveries", { timeout: 60_000 }, () => {
  it("sends person.updated, signed per Standard Webhooks, with folk's changes and a data.url that reads the person", async () => {
    const { sandbox, folk, received } = folkWithReceiver();
    const webhook = await subscribe(folk, [{ eventType: "person.updated" }]);
    await unwrap(folk.PATCH("/v1/people/{personId}", { params: { path: { personId: SEEDED.person } }, body: { jobTitle: "CTO" } }));
    await sandbox.deliveriesSettled();

    expect(received).toHaveLength(1);
    const event: FolkWebhookEvent = await verifyFolkWebhook(received[0] as Request, webhook.signingSecret);
    expect(event).toMatchObject({ type: "person.updated", source: `https://api.folk.app/v1/webhooks/${webhook.id}` });
    expect(event.id).toMatch(/^evt_/);
    expect(event.data.changes).toEqual([{ path: ["jobTitle"], type: "set", value: "CTO" }]);
    const person = (await (await sandbox.fetch(event.data.url, { headers: { authorization: "Bearer x" } })).json()) as {
      data: { id: string; jobTitle: string };
    };
    expect(person.data).toMatchObject({ id: SEEDED.person, jobTitle: "CTO" });
    expect(sandbox.deliveries).toEqual([
      expect.objectContaining({
        id: event.id,
        webhookId: webhook.id,
        type: "person.updated",
        state: "delivered",
        attempts: [expect.objectContaining({ status: 204 })],
      }),
    ]);
    expect(sandbox.deliveries[0]?.headers["webhook-id"]).toBe(event.id);
  });

  it("sends created and deleted events, and only those subscribed", async () => {
    const { sandbox, folk, received } = folkWithReceiver();
    const webhook = await subscribe(folk, [{ eventType: "company.created" }, { eventType: "company.deleted" }]);
    const { data: company } = await unwrap(folk.POST("/v1/companies", { body: { name: "Webhooks Inc" } }));
    await unwrap(folk.PATCH("/v1/companies/{companyId}", { params: { path: { companyId: company.id } }, body: { description: "x" } }));
    await unwrap(folk.DELETE("/v1/companies/{companyId}", { params: { path: { companyId: company.id } } }));
    await sandbox.deliveriesSettled();
    const events = await Promise.all(received.map((request) => verifyFolkWebhook(request, webhook.signingSecret)));
    expect(events.map((event) => [event.type, event.data.id, event.data.changes])).toEqual([
      ["company.created", company.id, undefined],
      ["company.deleted", company.id, undefined],
    ]);
  });

  it("sends groups_updated apart from updated, and honours a subscription's groupId and path filters", async () => {
    const { sandbox, folk } = folkWithReceiver();
    const { data: person } = await unwrap(folk.POST("/v1/people", { body: { firstName: "Ada" } }));
    const webhook = await subscribe(folk, [
      { eventType: "person.groups_updated", filter: { groupId: SEEDED.engineering } },
      { eventType: "person.updated", filter: { path: ["jobTitle"], value: "CTO" } },
    ]);
    const update = (body: Record<string, unknown>) =>
      unwrap(folk.PATCH("/v1/people/{personId}", { params: { path: { personId: person.id } }, body }));
    await update({ jobTitle: "Engineer" }); // path filter: not "CTO"
    await update({ jobTitle: "CTO", groups: [{ id: SEEDED.engineering }] });
    await sandbox.deliveriesSettled();
    const events = sandbox.deliveries.filter((delivery) => delivery.webhookId === webhook.id).map((delivery) => JSON.parse(delivery.body));
    expect(events.map((event: FolkWebhookEvent) => [event.type, event.data.changes])).toEqual([
      ["person.groups_updated", [{ path: ["groups"], type: "add", value: { id: SEEDED.engineering, name: "Engineering" } }]],
      ["person.updated", [{ path: ["jobTitle"], type: "set", value: "CTO" }]],
    ]);
  });

  it("sends nothing for an inactive webhook or a failed call", async () => {
    const { sandbox, folk } = folkWithReceiver();
    const webhook = await subscribe(folk, [{ eventType: "person.updated" }, { eventType: "person.created" }]);
    await unwrap(folk.PATCH("/v1/webhooks/{webhookId}", { params: { path: { webhookId: webhook.id } }, body: { status: "inactive" } }));
    await unwrap(folk.PATCH("/v1/people/{personId}", { params: { path: { personId: SEEDED.person } }, body: { jobTitle: "CTO" } }));
    await unwrap(folk.PATCH("/v1/webhooks/{webhookId}", { params: { path: { webhookId: webhook.id } }, body: { status: "active" } }));
    const refused = await folk.POST("/v1/people", { body: { emails: Array.from({ length: 21 }, (_, i) => `p${i}@example.com`) } });
    expect(refused.response.status).toBe(422);
    await sandbox.deliveriesSettled();
    expect(sandbox.deliveries.filter((delivery) => delivery.webhookId === webhook.id)).toEqual([]);
  });

  it("POSTs to a loopback URL over HTTP, and refuses another host unless webhookHosts opts it in", async () => {
    const bodies: string[] = [];
    const server = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        bodies.push(Buffer.concat(chunks).toString());
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      for (const [hosts, url, expected] of [
        [undefined, `http://127.0.0.1:${port}/hook`, "delivered"],
        [undefined, `http://0.0.0.0:${port}/hook`, "failed"],
        [["0.0.0.0"], `http://0.0.0.0:${port}/hook`, "delivered"],
      ] as const) {
        const sandbox = createSandbox("folk", { seed: false, ...(hosts ? { webhookHosts: hosts } : {}) });
        const folk = createFolkClient({ apiKey: "folk_test_sandbox", fetch: sandbox.fetch, maxRetries: 0 });
        await subscribe(folk, [{ eventType: "person.created" }], url);
        await unwrap(folk.POST("/v1/people", { body: { firstName: "Grace" } }));
        await sandbox.deliveriesSettled();
        expect(sandbox.deliveries.map((delivery) => delivery.state)).toEqual([expected]);
        if (expected === "failed") {
          expect(sandbox.deliveries[0]?.attempts).toEqual([{ at: expect.any(Number), error: expect.stringContaining("webhookHosts") }]);
        }
      }
      expect(bodies).toHaveLength(2);
      expect(JSON.parse(bodies[0] as string)).toMatchObject({ type: "person.created" });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("retries a failed delivery on the assumed Standard Webhooks schedule (5 s, then 5 min), re-signed each time", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-01-01T00:00:00Z") });
    const start = Date.now();
    const { sandbox, folk, received } = folkWithReceiver([503, 500]);
    const webhook = await subscribe(folk, [{ eventType: "person.updated" }]);
    await unwrap(folk.PATCH("/v1/people/{personId}", { params: { path: { personId: SEEDED.person } }, body: { jobTitle: "CTO" } }));
    await sandbox.deliveriesSettled();
    const [delivery] = sandbox.deliveries;
    expect([delivery?.state, received.length]).toEqual(["pending", 1]);

    await vi.advanceTimersByTimeAsync(4_999);
    expect(received).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await sandbox.deliveriesSettled();
    expect(received).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(300_000);
    await sandbox.deliveriesSettled();

    expect(delivery?.state).toBe("delivered");
    expect(delivery?.attempts.map((attempt) => [attempt.at - start, attempt.status])).toEqual([
      [0, 503],
      [5_000, 500],
      [305_000, 204],
    ]);
    const ids = new Set(received.map((request) => request.headers.get("webhook-id")));
    expect(ids.size).toBe(1); // the same event on every retry
    // Verified at the time it was sent: the last attempt carries its own timestamp and signature.
    await expect(verifyFolkWebhook(received[2] as Request, webhook.signingSecret)).resolves.toMatchObject({ type: "person.updated" });
  });

  it("fails a delivery after the last retry", async () => {
    vi.useFakeTimers();
    const { sandbox, folk } = createSandboxWithRetries([10, 20]);
    await subscribe(folk, [{ eventType: "person.created" }]);
    await unwrap(folk.POST("/v1/people", { body: { firstName: "Linus" } }));
    await sandbox.deliveriesSettled();
    // Each attempt signs with Web Crypto (real async work), so the clock moves one retry at a time.
    for (const delay of [10, 20]) {
      await vi.advanceTimersByTimeAsync(delay);
      await sandbox.deliveriesSettled();
    }
    expect(sandbox.deliveries.map((delivery) => [delivery.state, delivery.attempts.map((attempt) => attempt.status)])).toEqual([
      ["failed", [500, 500, 500]],
    ]);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(sandbox.deliveries[0]?.attempts).toHaveLength(3);
  });

  it("reset() drops the deliveries and the retries waiting", async () => {
    vi.useFakeTimers();
    const { sandbox, folk } = createSandboxWithRetries([60_000]);
    await subscribe(folk, [{ eventType: "person.created" }]);
    await unwrap(folk.POST("/v1/people", { body: { firstName: "Barbara" } }));
    await sandbox.deliveriesSettled();
    const [delivery] = sandbox.deliveries;
    const timers = vi.getTimerCount();
    sandbox.reset();
    expect([sandbox.deliveries.length, vi.getTimerCount(), delivery?.state]).toEqual([0, timers - 1, "cancelled"]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(delivery?.attempts).toHaveLength(1);
  });

  it("listen()'s close() cancels an attempt in flight and the retries waiting, and data.url points at the server meanwhile", async () => {
    let answer: (() => void) | undefined;
    const sandbox = createSandbox("folk", {
      seed: false,
      webhookHandler: () => new Promise<Response>((resolve) => (answer = () => resolve(new Response(null, { status: 200 })))),
    });
    const server = await sandbox.listen();
    try {
      const folk = createFolkClient({ apiKey: "folk_test_sandbox", baseUrl: server.url, maxRetries: 0 });
      await subscribe(folk, [{ eventType: "person.created" }]);
      const { data: person } = await unwrap(folk.POST("/v1/people", { body: { firstName: "Edsger" } }));
      await vi.waitFor(() => expect(answer).toBeDefined());
      expect(JSON.parse(sandbox.deliveries[0]?.body ?? "{}")).toMatchObject({ data: { url: `${server.url}/v1/people/${person.id}` } });
    } finally {
      await server.close();
    }
    await sandbox.deliveriesSettled(); // resolves: nothing is in flight after close()
    expect(sandbox.deliveries.map((delivery) => [delivery.state, delivery.attempts[0]?.error])).toEqual([["cancelled", "cancelled"]]);
    answer?.();
  });

  it("sendWebhookEvent sends an event no simulated call makes, and refuses an unknown type", async () => {
    const { sandbox, folk, received } = folkWithReceiver();
    const webhook = await subscribe(folk, [{ eventType: "reminder.triggered" }]);
    sandbox.sendWebhookEvent("reminder.triggered", { id: SEEDED.reminder, path: `/v1/reminders/${SEEDED.reminder}` });
    await sandbox.deliveriesSettled();
    await expect(verifyFolkWebhook(received[0] as Request, webhook.signingSecret)).resolves.toMatchObject({
      type: "reminder.triggered",
      data: { id: SEEDED.reminder, url: `https://api.folk.app/v1/reminders/${SEEDED.reminder}` },
    });
    expect(() => sandbox.sendWebhookEvent("person.merged", { id: "x", path: "/x" })).toThrow(
      /no event "person.merged" \(valid: person.created/,
    );
  });

  it("refuses a wrong webhook option, naming it", () => {
    expect(() => createSandbox("folk", { webhookHosts: "localhost" as unknown as string[] })).toThrow(
      /option webhookHosts must be an array/,
    );
    expect(() => createSandbox("folk", { webhookRetryDelaysMs: [-1] })).toThrow(/option webhookRetryDelaysMs/);
  });
});

/** A sandbox whose receiver always answers 500, with a short retry schedule. */
function createSandboxWithRetries(webhookRetryDelaysMs: number[]) {
  const sandbox = createSandbox("folk", {
    seed: false,
    webhookRetryDelaysMs,
    webhookHandler: () => new Response(null, { status: 500 }),
  });
  return { sandbox, folk: createFolkClient({ apiKey: "folk_test_sandbox", fetch: sandbox.fetch, maxRetries: 0 }) };
}

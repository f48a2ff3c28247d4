import { describe, expect, expectTypeOf, it } from "vitest";
import { unwrap } from "../../src/core/index.js";
import { type CreateWebhookRequest, paginateFolk, type Webhook, type WebhookWithSigningSecret } from "../../src/folk/index.js";
import { rejectionReport, requestViolationPaths } from "../support/mocks.js";
import { COMPANY_ID, folk, GROUP_ID, PERSON_ID, WEBHOOK_ID } from "./calls.js";
import { expectLinkedEntity, expectWebhook, folkId } from "./expect.js";

const webhook = { path: { webhookId: WEBHOOK_ID } };
const interaction = { dateTime: "2025-07-17T09:00:00.000Z", title: "Call with John", content: "Talked about the renewal." };

describe("folk interactions", () => {
  it("createInteraction: 200 returns the logged interaction; a predefined type, an app and an emoji are accepted", async () => {
    for (const type of ["call", "slack", "☕️"]) {
      const { data, response } = await folk().POST("/v1/interactions", { body: { entity: { id: COMPANY_ID }, ...interaction, type } });
      expect(response.status).toBe(200);
      expect(requestViolationPaths(response)).toEqual([]);
      expect(data?.data.id).toMatch(folkId("lit"));
      expectLinkedEntity(data!.data.entity);
    }
  });

  it("createInteraction: a dateTime that is not ISO 8601 is rejected naming dateTime", async () => {
    const { response, error } = await folk().POST("/v1/interactions", {
      body: { entity: { id: PERSON_ID }, ...interaction, dateTime: "17/07/2025", type: "call" },
    });
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.dateTime: .*date-time/);
  });
});

describe("folk webhooks", () => {
  it("listWebhooks: 200 returns a typed page of webhooks with redacted secrets", async () => {
    const { data, response } = await folk().GET("/v1/webhooks", { params: { query: { limit: 10 } } });
    expect(requestViolationPaths(response)).toEqual([]);
    expectTypeOf(data!.data.items).toEqualTypeOf<Webhook[]>();
    data?.data.items.forEach(expectWebhook);
    expect(data?.data.items[0]?.redactedSigningSecret).toContain("*");
  });

  it("listWebhooks: limit=0 is rejected naming limit", async () => {
    const { response, error } = await folk().GET("/v1/webhooks", { params: { query: { limit: 0 } } });
    expect(await rejectionReport(response, error)).toMatch(/request\.query\.limit: .*>= 1/);
  });

  it("paginateFolk: walks the webhooks", async () => {
    const iterator = paginateFolk(folk(), "/v1/webhooks")[Symbol.asyncIterator]();
    expectWebhook((await iterator.next()).value as Webhook);
  });

  it("createWebhook: 200 returns the webhook with its signing secret in clear", async () => {
    const body: CreateWebhookRequest = {
      name: "CRM sync",
      targetUrl: "https://example.com/folk-events",
      subscribedEvents: [
        { eventType: "person.created", filter: { groupId: GROUP_ID } },
        { eventType: "object.updated", filter: { objectType: "Deals", path: ["customFieldValues", "Status"], value: "Won" } },
      ],
    };
    const { data, response } = await folk().POST("/v1/webhooks", { body });
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
    expectTypeOf(data!.data).toEqualTypeOf<WebhookWithSigningSecret>();
    expectWebhook(data!.data);
    expect(data?.data.signingSecret).toMatch(/^whsec_/);
  });

  it("createWebhook: an event folk does not send is rejected naming eventType", async () => {
    // @ts-expect-error folk sends person.created, not contact.created
    const subscription: CreateWebhookRequest["subscribedEvents"][number] = { eventType: "contact.created" };
    const body: CreateWebhookRequest = { name: "CRM sync", targetUrl: "https://example.com/hook", subscribedEvents: [subscription] };
    const { response, error } = await folk().POST("/v1/webhooks", { body });
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.subscribedEvents\.0\.eventType/);
  });

  it("getWebhook: 200 returns the webhook", async () => {
    const { data, response } = await folk().GET("/v1/webhooks/{webhookId}", { params: webhook });
    expect(requestViolationPaths(response)).toEqual([]);
    expectWebhook(data!.data);
  });

  it("updateWebhook: 200 returns the webhook", async () => {
    const { data, response } = await folk().PATCH("/v1/webhooks/{webhookId}", {
      params: webhook,
      body: { status: "inactive", subscribedEvents: [{ eventType: "reminder.triggered" }] },
    });
    expect(requestViolationPaths(response)).toEqual([]);
    expectWebhook(data!.data);
  });

  it("updateWebhook: 21 subscriptions are rejected naming subscribedEvents", async () => {
    const subscribedEvents = Array.from({ length: 21 }, () => ({ eventType: "person.updated" as const }));
    const { response, error } = await folk().PATCH("/v1/webhooks/{webhookId}", { params: webhook, body: { subscribedEvents } });
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.subscribedEvents: .*more than 20 items/);
  });

  it("deleteWebhook: 200 returns the id of the deleted webhook", async () => {
    const deleted = await unwrap(folk().DELETE("/v1/webhooks/{webhookId}", { params: webhook }));
    expect(deleted.data.id).toMatch(folkId("wbk"));
  });
});

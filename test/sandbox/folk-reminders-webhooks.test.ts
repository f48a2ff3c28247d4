import { describe, expect, it } from "vitest";
import { type NotFoundError, unwrap } from "../../src/core/index.js";
import { paginateFolk } from "../../src/folk/index.js";
import { onFolkSandbox, SEEDED, unknownId } from "./folk-sandbox.js";

const RRULE = "DTSTART;TZID=Europe/Paris:20250717T090000\nRRULE:FREQ=WEEKLY;INTERVAL=1";

describe("folk sandbox: reminders", () => {
  it("createReminder → getReminder → updateReminder (only the fields sent) → listReminders finds it → deleteReminder → 404", async () => {
    const { folk } = onFolkSandbox();
    const { data: created } = await unwrap(
      folk.POST("/v1/reminders", {
        body: {
          entity: { id: SEEDED.person },
          name: "Call John",
          recurrenceRule: RRULE,
          visibility: "public",
          assignedUsers: [{ id: SEEDED.jane }],
        },
      }),
    );
    expect(created).toMatchObject({
      name: "Call John",
      entity: { id: SEEDED.person, entityType: "person", fullName: "John Doe" },
      assignedUsers: [{ id: SEEDED.jane, email: "jane@example.com" }],
      createdBy: { id: SEEDED.apiUser },
      nextTriggerTime: null,
    });
    const path = { reminderId: created.id };
    expect((await unwrap(folk.GET("/v1/reminders/{reminderId}", { params: { path } }))).data).toEqual(created);
    const { data: updated } = await unwrap(
      folk.PATCH("/v1/reminders/{reminderId}", { params: { path }, body: { name: "Call John back" } }),
    );
    expect(updated).toEqual({ ...created, name: "Call John back" });
    const listed = await paginateFolk(folk, "/v1/reminders", { params: { query: { "entity.id": SEEDED.person } } }).toArray();
    expect(listed.map((r) => r.id)).toEqual([SEEDED.reminder, created.id]);
    expect((await unwrap(folk.DELETE("/v1/reminders/{reminderId}", { params: { path } }))).data).toEqual({ id: created.id });
    const gone = await unwrap(folk.GET("/v1/reminders/{reminderId}", { params: { path } })).catch((e: unknown) => e);
    expect((gone as NotFoundError).message).toContain(created.id);
  });

  it("a public reminder needs assigned users and a private one refuses them (422 naming assignedUsers); nothing is stored", async () => {
    const { folk } = onFolkSandbox();
    const before = await paginateFolk(folk, "/v1/reminders").toArray();
    const body = { entity: { id: SEEDED.person }, name: "Call", recurrenceRule: RRULE };
    const unassigned = await folk.POST("/v1/reminders", { body: { ...body, visibility: "public" } });
    const assigned = await folk.POST("/v1/reminders", { body: { ...body, visibility: "private", assignedUsers: [{ id: SEEDED.jane }] } });
    const nobody = await folk.POST("/v1/reminders", {
      body: { ...body, visibility: "public", assignedUsers: [{ email: "nobody@example.com" }] },
    });
    for (const { response, error } of [unassigned, assigned, nobody]) {
      expect(response.status).toBe(422);
      expect(error?.error.message).toContain("assignedUsers");
    }
    expect(nobody.error?.error.details).toMatchObject({ issues: [{ path: ["assignedUsers", 0] }] });
    const stale = await folk.PATCH("/v1/reminders/{reminderId}", {
      params: { path: { reminderId: SEEDED.reminder } },
      body: { name: "Renamed", assignedUsers: [] },
    });
    expect(stale.response.status).toBe(422);
    expect(await paginateFolk(folk, "/v1/reminders").toArray()).toEqual(before);
  });
});

describe("folk sandbox: webhooks", () => {
  it("createWebhook shows the signing secret once; get → update (only the fields sent) → list → delete → 404", async () => {
    const { folk } = onFolkSandbox(false);
    const { data: created } = await unwrap(
      folk.POST("/v1/webhooks", {
        body: { name: "CRM sync", targetUrl: "https://example.com/hook", subscribedEvents: [{ eventType: "person.created" }] },
      }),
    );
    expect(created).toMatchObject({ name: "CRM sync", status: "active", signingSecret: expect.stringMatching(/^whsec_/) });
    const path = { webhookId: created.id };
    const { data: read } = await unwrap(folk.GET("/v1/webhooks/{webhookId}", { params: { path } }));
    const { signingSecret, ...rest } = created;
    expect(read).toEqual({ ...rest, redactedSigningSecret: expect.stringContaining("*") });
    expect(JSON.stringify(read)).not.toContain(signingSecret.slice(6, -4));

    const { data: updated } = await unwrap(folk.PATCH("/v1/webhooks/{webhookId}", { params: { path }, body: { status: "inactive" } }));
    expect(updated).toEqual({ ...read, status: "inactive" });
    expect(await paginateFolk(folk, "/v1/webhooks").toArray()).toEqual([updated]);
    expect((await unwrap(folk.DELETE("/v1/webhooks/{webhookId}", { params: { path } }))).data).toEqual({ id: created.id });
    const gone = await folk.GET("/v1/webhooks/{webhookId}", { params: { path } });
    expect(gone.error?.error.message).toBe(`Webhook ${created.id} was not found`);
  });

  it("an invalid update (unknown event type) is a 422 and leaves the webhook as it was", async () => {
    const { folk } = onFolkSandbox();
    const path = { webhookId: SEEDED.webhook };
    const { data: before } = await unwrap(folk.GET("/v1/webhooks/{webhookId}", { params: { path } }));
    const bad = await folk.PATCH("/v1/webhooks/{webhookId}", {
      params: { path },
      // @ts-expect-error not one of folk's event types
      body: { name: "Renamed", subscribedEvents: [{ eventType: "person.exploded" }] },
    });
    expect(bad.response.status).toBe(422);
    expect((await unwrap(folk.GET("/v1/webhooks/{webhookId}", { params: { path } }))).data).toEqual(before);
  });
});

describe("folk sandbox: users and interactions", () => {
  it("getCurrentUser is the key's user; getUser reads one; listUsers lists the workspace; an unknown user is a 404", async () => {
    const { folk } = onFolkSandbox();
    const { data: me } = await unwrap(folk.GET("/v1/users/me"));
    expect(me).toEqual({ id: SEEDED.apiUser, fullName: "John Doe", email: "john.doe@example.com" });
    expect((await unwrap(folk.GET("/v1/users/{userId}", { params: { path: { userId: SEEDED.jane } } }))).data.email).toBe(
      "jane@example.com",
    );
    expect((await paginateFolk(folk, "/v1/users").toArray()).map((u) => u.id)).toEqual([SEEDED.apiUser, SEEDED.jane]);
    const missing = unknownId("usr");
    const { error } = await folk.GET("/v1/users/{userId}", { params: { path: { userId: missing } } });
    expect(error?.error.message).toBe(`User ${missing} was not found`);
  });

  it("createInteraction on a person counts in its interactionMetadata; on an unknown company it is a 404 naming the id, on a deal a 422", async () => {
    const { folk } = onFolkSandbox();
    const path = { personId: SEEDED.person };
    const { data: before } = await unwrap(folk.GET("/v1/people/{personId}", { params: { path } }));
    const body = {
      entity: { id: SEEDED.person },
      dateTime: "2026-03-01T10:00:00.000Z",
      title: "Coffee",
      content: "Talked",
      type: "coffee",
    };
    const { data: interaction } = await unwrap(folk.POST("/v1/interactions", { body }));
    expect(interaction).toMatchObject({ ...body, entity: { id: SEEDED.person, entityType: "person", fullName: "John Doe" } });
    const { data: after } = await unwrap(folk.GET("/v1/people/{personId}", { params: { path } }));
    expect(after.interactionMetadata.user).toEqual({
      approximateCount: before.interactionMetadata.user.approximateCount + 1,
      lastInteractedAt: body.dateTime,
    });
    expect(after.interactionMetadata.workspace).toMatchObject({
      approximateCount: before.interactionMetadata.workspace.approximateCount + 1,
      lastInteractedAt: body.dateTime,
      lastInteractedBy: [{ id: SEEDED.apiUser }],
    });
    const missing = unknownId("com");
    const unknown = await folk.POST("/v1/interactions", { body: { ...body, entity: { id: missing } } });
    expect(unknown.error?.error.message).toBe(`Company ${missing} was not found`);
    const onDeal = await folk.POST("/v1/interactions", { body: { ...body, entity: { id: SEEDED.deal } } });
    expect(onDeal.response.status).toBe(422);
    expect(onDeal.error?.error.details).toMatchObject({ issues: [{ path: ["entity", "id"] }] });
    expect((await unwrap(folk.GET("/v1/people/{personId}", { params: { path } }))).data).toEqual(after);
  });
});

import { describe, expect, it } from "vitest";
import { unwrap } from "../../src/core/index.js";
import { rejectionReport, requestViolationPaths } from "../support/mocks.js";
import { featurebase, USER_ID } from "./calls.js";

const user = { path: { userId: USER_ID } };

describe("featurebase contacts by external user ID", () => {
  it("getContactByUserId: 200 returns the customer with that userId", async () => {
    const { data, response } = await featurebase().GET("/v2/contacts/by-user-id/{userId}", { params: user });
    expect(requestViolationPaths(response)).toEqual([]);
    expect(data).toMatchObject({ object: "contact", type: "customer", userId: USER_ID });
  });

  it("deleteContactByUserId: 200 confirms the deletion with the Featurebase ObjectId", async () => {
    const deleted = await unwrap(featurebase().DELETE("/v2/contacts/by-user-id/{userId}", { params: user }));
    expect(deleted).toMatchObject({ object: "contact", deleted: true });
    expect(deleted.id).toMatch(/^[0-9a-fA-F]{24}$/);
  });

  it("getContactByUserId: a userId is not an ObjectId, so an external ID is sent as it is", async () => {
    const { response } = await featurebase().GET("/v2/contacts/by-user-id/{userId}", { params: { path: { userId: "auth0|5f7c8ec7" } } });
    expect(response.status).toBe(200);
    expect(new URL(response.url).pathname).toBe("/v2/contacts/by-user-id/auth0%7C5f7c8ec7");
  });

  it("getContactByUserId: a userId over 255 characters is rejected with a 400 naming userId", async () => {
    const { response, error } = await featurebase().GET("/v2/contacts/by-user-id/{userId}", {
      params: { path: { userId: "u".repeat(256) } },
    });
    expect(response.status).toBe(400);
    expect(await rejectionReport(response, error)).toMatch(/request\.path\.userid: .*255/i);
  });
});

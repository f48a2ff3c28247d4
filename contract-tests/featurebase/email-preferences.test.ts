import { describe, expect, it } from "vitest";
import { unwrap } from "../../src/core/index.js";
import type { ContactEmailPreferences, components } from "../../src/featurebase/index.js";
import { rejectionReport, requestViolationPaths } from "../support/mocks.js";
import { CONTACT_ID, featurebase, USER_ID } from "./calls.js";

const byId = { path: { id: CONTACT_ID } };
const byUserId = { path: { userId: USER_ID } };
type UpdateRequest = components["schemas"]["UpdateContactEmailPreferencesRequest"];
const CATEGORIES = ["all", "postUpdates", "postComments", "commentReplies", "changelog"] as const;

function expectPreferences(prefs: ContactEmailPreferences) {
  expect(prefs.object).toBe("contact_email_preferences");
  for (const category of CATEGORIES) {
    expect(["subscribed", "unsubscribed"]).toContain(prefs.preferences[category].status);
    expect(["subscribed", "unsubscribed"]).toContain(prefs.preferences[category].effectiveStatus);
  }
}

describe("featurebase contact email preferences", () => {
  it("getContactEmailPreferences and getContactEmailPreferencesByUserId: 200 return every category", async () => {
    expectPreferences(await unwrap(featurebase().GET("/v2/contacts/{id}/email-preferences", { params: byId })));
    expectPreferences(await unwrap(featurebase().GET("/v2/contacts/by-user-id/{userId}/email-preferences", { params: byUserId })));
  });

  it("updateContactEmailPreferences and updateContactEmailPreferencesByUserId: every key can be sent at once", async () => {
    const body = {
      preferences: {
        all: "subscribed",
        postUpdates: "subscribed",
        postComments: "unsubscribed",
        commentReplies: "unsubscribed",
        changelog: "unsubscribed",
      },
    } as const;
    for (const { data, response } of [
      await featurebase().PATCH("/v2/contacts/{id}/email-preferences", { params: byId, body }),
      await featurebase().PATCH("/v2/contacts/by-user-id/{userId}/email-preferences", { params: byUserId, body }),
    ]) {
      expect(response.status).toBe(200);
      expect(requestViolationPaths(response)).toEqual([]);
      expectPreferences(data!);
    }
  });

  it("updateContactEmailPreferences: an empty preferences map is rejected, as Featurebase requires at least one key", async () => {
    const { response, error } = await featurebase().PATCH("/v2/contacts/{id}/email-preferences", {
      params: byId,
      body: { preferences: {} },
    });
    expect(response.status).toBe(400);
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.preferences: .*(fewer than 1|minProperties|at least 1)/i);
  });

  it("updateContactEmailPreferences: an unknown category is refused by the types and by the mock", async () => {
    // @ts-expect-error marketing is not a Featurebase email category
    const body: UpdateRequest = { preferences: { marketing: "unsubscribed" } };
    const { response, error } = await featurebase().PATCH("/v2/contacts/{id}/email-preferences", { params: byId, body });
    expect(response.status).toBe(400);
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.preferences: .*additional properties/i);
  });
});

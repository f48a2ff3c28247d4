/** Calls real clients make that Featurebase documents no body for: the types and the mock must accept them. */
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../src/sandbox/index.js";
import { requestViolationPaths } from "../support/mocks.js";
import { CONTACT_ID, featurebase } from "./calls.js";

const contact = { params: { path: { id: CONTACT_ID } } };

describe("featurebase: the block endpoints with the empty bodies clients send", () => {
  for (const body of [{}, []] as const) {
    it(`blockContact and unblockContact: ${JSON.stringify(body)} passes the mock's validation and answers 200`, async () => {
      const blocked = await featurebase().POST("/v2/contacts/{id}/block", { ...contact, body: structuredClone(body) });
      expect(blocked.response.status).toBe(200);
      expect(requestViolationPaths(blocked.response)).toEqual([]);
      expect(blocked.data?.blocked).toBe(true);
      const unblocked = await featurebase().POST("/v2/contacts/{id}/unblock", { ...contact, body: structuredClone(body) });
      expect(unblocked.response.status).toBe(200);
      expect(requestViolationPaths(unblocked.response)).toEqual([]);
    });
  }

  it("blockContact: still answers without a body, and the sandbox ignores an empty one", async () => {
    const bare = await featurebase().POST("/v2/contacts/{id}/block", contact);
    expect(bare.response.status).toBe(200);
    const sandbox = createSandbox("featurebase", { validateResponses: true });
    const client = featurebase({ fetch: (request) => sandbox.fetch(request) });
    const blocked = await client.POST("/v2/contacts/{id}/block", { ...contact, body: [] });
    expect(blocked.data).toEqual({ id: CONTACT_ID, blocked: true, object: "contact" });
  });
});

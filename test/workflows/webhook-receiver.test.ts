import { describe, expect, it } from "vitest";
import { startWebhookReceiver } from "../../scripts/lib/webhook-receiver.js";
import { createFolkClient } from "../../src/folk/index.js";
import { createSandbox } from "../../src/sandbox/index.js";

describe("the workflows' webhook receiver", () => {
  it("answers /verify with the latest delivery of a type once verified, and names the failed check otherwise", async () => {
    const receiver = await startWebhookReceiver("folk", 20_000);
    const sandbox = createSandbox("folk", { seed: false });
    try {
      const folk = createFolkClient({ apiKey: "folk_test_sandbox", fetch: sandbox.fetch, maxRetries: 0 });
      const targetUrl = receiver.env.WEBHOOK_RECEIVER_URL as string;
      const { data } = await folk.POST("/v1/webhooks", {
        body: { name: "r", targetUrl, subscribedEvents: [{ eventType: "person.created" }] },
      });
      const verify = (secret: string) =>
        fetch(receiver.env.WEBHOOK_VERIFY_URL as string, { method: "POST", body: JSON.stringify({ type: "person.created", secret }) });
      // Asked before the event exists: the receiver waits for the delivery.
      const answer = verify(data?.data.signingSecret as string);
      const { data: person } = await folk.POST("/v1/people", { body: { firstName: "Ada" } });
      const verified = await answer;
      expect(verified.status).toBe(200);
      expect(await verified.json()).toMatchObject({ type: "person.created", data: { id: person?.data.id } });

      const refused = await verify(`whsec_${btoa("not the secret of this webhook!!")}`);
      expect([refused.status, await refused.json()]).toEqual([422, expect.objectContaining({ check: "signature" })]);
    } finally {
      await receiver.close();
    }
  }, 30_000);
});

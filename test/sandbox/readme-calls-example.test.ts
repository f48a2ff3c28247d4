import { expect, it } from "vitest";
import { createFeaturebaseClient, type FeaturebaseClient } from "../../src/featurebase/index.js";
import { createSandbox } from "../../src/sandbox/index.js";

// The code under test: it copies a customer's company to Featurebase.
async function syncCompany(featurebase: FeaturebaseClient, customer: { id: string; company: string }): Promise<void> {
  await featurebase.POST("/v2/companies", { body: { companyId: customer.id, name: customer.company } });
}

it("sends the customer's company to Featurebase, once", async () => {
  const sandbox = createSandbox("featurebase", { seed: false });
  const featurebase = createFeaturebaseClient({ apiKey: "sk_test_sandbox", fetch: sandbox.fetch });

  await syncCompany(featurebase, { id: "cus_1", company: "Acme" });

  expect(sandbox.calls).toEqual([
    expect.objectContaining({
      method: "POST",
      path: "/v2/companies",
      operationId: "upsertCompany",
      status: 200,
      requestBody: { companyId: "cus_1", name: "Acme" },
    }),
  ]);
  sandbox.reset(); // back to the seed, and no calls recorded
  expect(sandbox.calls).toEqual([]);
});

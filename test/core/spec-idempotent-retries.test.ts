/**
 * Retries of the operations a spec marks `x-crm-kit-idempotent: { value: true }`, through real clients against the
 * sandboxes: a failure that struck after the server applied the call (`failNext(…, { applied: true })`) is retried
 * for a marked upsert or PATCH, and never for a create, which would then be applied twice.
 */
import { describe, expect, it } from "vitest";
import { idempotentOperations as featurebaseMarked } from "../../generated/featurebase.retry.js";
import { idempotentOperations as folkMarked } from "../../generated/folk.retry.js";
import { ApiError, TimeoutError, unwrap } from "../../src/core/index.js";
import { createFeaturebaseClient } from "../../src/featurebase/index.js";
import { featurebaseVendor } from "../../src/featurebase/vendor.js";
import { createFolkClient } from "../../src/folk/index.js";
import { folkVendor } from "../../src/folk/vendor.js";
import { createSandbox } from "../../src/sandbox/index.js";

// Backoff of a millisecond, so that a retry costs no time; the timeout is generous for a loaded machine.
const fast = { maxRetries: 2, retry: { baseDelayMs: 1, maxDelayMs: 1 } };

function featurebaseOnSandbox(options: { timeoutMs?: number } = {}) {
  const sandbox = createSandbox("featurebase", { seed: false, validateResponses: true });
  const client = createFeaturebaseClient({ apiKey: "sk_retry_test", fetch: (request) => sandbox.fetch(request), ...fast, ...options });
  return { sandbox, client };
}

function folkOnSandbox() {
  const sandbox = createSandbox("folk", { validateResponses: true });
  const client = createFolkClient({ apiKey: "folk_retry_test", fetch: (request) => sandbox.fetch(request), ...fast });
  return { sandbox, client };
}

const statuses = (sandbox: { calls: readonly { operationId?: string | undefined; status: number }[] }, operationId: string) =>
  sandbox.calls.filter((call) => call.operationId === operationId).map((call) => call.status);

// A first call to a sandbox compiles its validators: a second or two on a loaded machine, so a generous bound.
describe("operations the spec marks idempotent", { timeout: 30_000 }, () => {
  it("each vendor definition carries its generated set, which holds the upserts and leaves the creates out", () => {
    expect(featurebaseVendor.idempotentOperations).toBe(featurebaseMarked);
    expect(folkVendor.idempotentOperations).toBe(folkMarked);
    expect(featurebaseMarked.has("POST /v2/companies")).toBe(true);
    expect(featurebaseMarked.has("POST /v2/companies/{id}/contacts")).toBe(false);
    expect(folkMarked.has("PATCH /v1/companies/{companyId}")).toBe(true);
    expect(folkMarked.has("POST /v1/companies")).toBe(false);
  });

  it("retries a marked upsert after a 500 that followed its change, and the company exists once", async () => {
    const { sandbox, client } = featurebaseOnSandbox();
    sandbox.failNext(1, { status: 500, operationId: "upsertCompany", applied: true });
    const company = await unwrap(client.POST("/v2/companies", { body: { companyId: "acme-1", name: "Acme" } }));
    expect(company.companyId).toBe("acme-1");
    expect(statuses(sandbox, "upsertCompany")).toEqual([500, 200]);
    const companies = await unwrap(client.GET("/v2/companies", { params: { query: { limit: 100 } } }));
    expect(companies.data.map((c) => c.companyId)).toEqual(["acme-1"]);
  });

  it("retries a marked upsert after a timeout once sent", async () => {
    const { sandbox, client } = featurebaseOnSandbox({ timeoutMs: 2_000 });
    // The first answer never comes in time: the attempt times out after the request reached the sandbox.
    sandbox.failNext(1, { delayMs: 600_000, operationId: "upsertCompany" });
    const company = await unwrap(client.POST("/v2/companies", { body: { companyId: "acme-2", name: "Acme" } }));
    expect(company.companyId).toBe("acme-2");
    expect(statuses(sandbox, "upsertCompany")).toEqual([200]);
  });

  it("a marked upsert that times out with maxRetries 0 is not described as unsafe to retry (an attach is)", async () => {
    const { sandbox, client } = featurebaseOnSandbox();
    sandbox.failNext(1, { delayMs: 600_000, operationId: "upsertCompany" });
    const upsert = client.POST("/v2/companies", { body: { companyId: "acme-4", name: "Acme" }, timeoutMs: 500, maxRetries: 0 });
    const error = await upsert.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain("timed out after 500 ms on each of 1 attempt. Raise timeoutMs");
    sandbox.failNext(1, { delayMs: 600_000, operationId: "attachContact" });
    const attach = client.POST("/v2/companies/{id}/contacts", {
      params: { path: { id: "any" } },
      body: { contactId: "any" },
      timeoutMs: 500,
      maxRetries: 0,
    });
    await expect(attach).rejects.toThrow("(a POST is not retried after a timeout: the server may already have applied it)");
  });

  it("retries a marked upsert sent through middleware too (the flag survives the Request middleware leaves)", async () => {
    const { sandbox, client } = featurebaseOnSandbox();
    client.use({
      onRequest: ({ request }) => new Request(request, { headers: { ...Object.fromEntries(request.headers), "x-trace": "1" } }),
    });
    sandbox.failNext(1, { status: 502, operationId: "upsertContact", applied: true });
    await unwrap(client.POST("/v2/contacts", { body: { email: "ada@example.com", name: "Ada" } }));
    expect(statuses(sandbox, "upsertContact")).toEqual([502, 200]);
  });

  it("retries a marked PATCH after a 503 without Retry-After", async () => {
    const { sandbox, client } = folkOnSandbox();
    const [first] = (await unwrap(client.GET("/v1/companies", { params: { query: { limit: 1 } } }))).data.items;
    if (!first) throw new Error("the folk seed has no company");
    sandbox.failNext(1, { status: 503, operationId: "updateCompany", applied: true });
    const updated = await unwrap(
      client.PATCH("/v1/companies/{companyId}", { params: { path: { companyId: first.id } }, body: { description: "Replayed" } }),
    );
    expect(updated.data.description).toBe("Replayed");
    expect(statuses(sandbox, "updateCompany")).toEqual([503, 200]);
  });

  it("does not retry a create after a 500 that followed its change: the error reaches the caller, the record exists once", async () => {
    const { sandbox, client } = folkOnSandbox();
    const before = (await unwrap(client.GET("/v1/companies", { params: { query: { limit: 100 } } }))).data.items.length;
    sandbox.failNext(1, { status: 500, operationId: "createCompany", applied: true });
    const result = client.POST("/v1/companies", { body: { name: "Created Once Inc" } });
    await expect(unwrap(result)).rejects.toBeInstanceOf(ApiError);
    expect(statuses(sandbox, "createCompany")).toEqual([500]);
    const after = (await unwrap(client.GET("/v1/companies", { params: { query: { limit: 100 } } }))).data.items;
    expect(after).toHaveLength(before + 1);
    expect(after.filter((c) => c.name === "Created Once Inc")).toHaveLength(1);
  });

  it("does not retry an unmarked POST (attach) after a timeout once sent", async () => {
    const { sandbox, client } = featurebaseOnSandbox();
    const company = await unwrap(client.POST("/v2/companies", { body: { companyId: "acme-3", name: "Acme" } }));
    const contact = await unwrap(client.POST("/v2/contacts", { body: { email: "bo@example.com", name: "Bo" } }));
    sandbox.failNext(1, { delayMs: 600_000, operationId: "attachContact" });
    const attach = client.POST("/v2/companies/{id}/contacts", {
      params: { path: { id: company.id } },
      body: { contactId: contact.id },
      timeoutMs: 1_000,
    });
    await expect(attach).rejects.toBeInstanceOf(TimeoutError);
    expect(sandbox.calls.filter((call) => call.operationId === "attachContact")).toHaveLength(0);
  });
});

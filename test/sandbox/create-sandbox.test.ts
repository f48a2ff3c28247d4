import { describe, expect, it } from "vitest";
import { createFeaturebaseClient } from "../../src/featurebase/index.js";
import { createSandbox, SANDBOX_APIS } from "../../src/sandbox/index.js";

const authorized = { authorization: "Bearer sk_test_sandbox", "content-type": "application/json" };

function featurebaseOn(sandbox: ReturnType<typeof createSandbox>) {
  return createFeaturebaseClient({ apiKey: "sk_test_sandbox", fetch: sandbox.fetch, maxRetries: 0 });
}

describe("createSandbox", () => {
  it("refuses an API without a sandbox, listing the valid ones", () => {
    // @ts-expect-error not an API with a sandbox
    expect(() => createSandbox("hubspot")).toThrow(
      new TypeError(`createSandbox: no sandbox for API "hubspot" (valid: ${SANDBOX_APIS.join(", ")})`),
    );
    expect(SANDBOX_APIS).toContain("featurebase");
  });

  it("refuses an unknown option or a wrong value, naming it and the valid options", () => {
    // @ts-expect-error not an option
    expect(() => createSandbox("featurebase", { seeds: false })).toThrow(
      /unknown option "seeds" \(valid options: seed, validateResponses, now, rateLimit, webhookHandler, webhookHosts, webhookRetryDelaysMs, webhooks\)/,
    );
    // @ts-expect-error seed is a boolean
    expect(() => createSandbox("featurebase", { seed: "no" })).toThrow(/option seed must be true or false, got "no"/);
    expect(() => createSandbox("featurebase", { seed: false })).not.toThrow();
  });

  it("gives each sandbox its own state", async () => {
    const first = createSandbox("featurebase");
    const second = createSandbox("featurebase");
    await featurebaseOn(first).POST("/v2/companies", { body: { companyId: "acme-1", name: "Acme" } });
    const { data: inFirst } = await featurebaseOn(first).GET("/v2/companies", { params: { query: { limit: 100 } } });
    const { data: inSecond } = await featurebaseOn(second).GET("/v2/companies", { params: { query: { limit: 100 } } });
    expect(inFirst?.data.map((c) => c.companyId)).toContain("acme-1");
    expect(inSecond?.data.map((c) => c.companyId)).not.toContain("acme-1");
  });

  it("starts from the spec's example records, or empty with seed: false", async () => {
    const { data: seeded } = await featurebaseOn(createSandbox("featurebase")).GET("/v2/companies");
    expect(seeded?.data.map((c) => [c.id, c.companyId, c.name])).toEqual([["507f1f77bcf86cd799439011", "comp_12345", "Acme Inc"]]);
    const { data: empty } = await featurebaseOn(createSandbox("featurebase", { seed: false })).GET("/v2/companies");
    expect(empty).toEqual({ object: "list", data: [], nextCursor: null });
  });

  it("reset() drops every change and brings back the seed records", async () => {
    const sandbox = createSandbox("featurebase");
    const featurebase = featurebaseOn(sandbox);
    await featurebase.POST("/v2/companies", { body: { companyId: "acme-1", name: "Acme" } });
    await featurebase.DELETE("/v2/companies/{id}", { params: { path: { id: "507f1f77bcf86cd799439011" } } });
    sandbox.reset();
    const { data } = await featurebase.GET("/v2/companies");
    expect(data?.data.map((c) => c.companyId)).toEqual(["comp_12345"]);
  });

  it("answers any host, or a bare path: the path decides", async () => {
    const sandbox = createSandbox("featurebase");
    for (const origin of ["https://do.featurebase.app", "http://localhost:1234", "http://sandbox.invalid", ""]) {
      const response = await sandbox.fetch(`${origin}/v2/companies/507f1f77bcf86cd799439011`, { headers: authorized });
      expect(response.status).toBe(200);
      expect((await response.json()).companyId).toBe("comp_12345");
    }
  });

  it("answers an unknown path with a 404 in the vendor's envelope, naming the route at the URL it was asked at", async () => {
    const response = await createSandbox("featurebase").fetch("http://sandbox.test:4010/v2/widgets?limit=1", { headers: authorized });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: {
        type: "invalid_request_error",
        code: "resource_not_found",
        message: "No route GET http://sandbox.test:4010/v2/widgets",
        status: 404,
      },
    });
  });

  it("answers a call without credentials with the vendor's 401", async () => {
    const response = await createSandbox("featurebase").fetch("http://x/v2/companies");
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatchObject({ type: "authentication_error", status: 401 });
  });

  it("answers a body that is not JSON with a 400 that says so, and changes nothing", async () => {
    const sandbox = createSandbox("featurebase", { seed: false });
    const response = await sandbox.fetch("http://x/v2/companies", { method: "POST", headers: authorized, body: "{" });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/^the request body is not valid JSON/);
    const list = await sandbox.fetch("http://x/v2/companies", { headers: authorized });
    expect((await list.json()).data).toEqual([]);
  });
});

describe("sandbox.listen", () => {
  it("serves the same state over HTTP on a free port, and close() stops it", async () => {
    const sandbox = createSandbox("featurebase");
    const server = await sandbox.listen();
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const written = await fetch(`${server.url}/v2/companies`, {
        method: "POST",
        headers: authorized,
        body: JSON.stringify({ companyId: "acme-1", name: "Acme" }),
      });
      expect(written.status).toBe(200);
      const { data } = await featurebaseOn(sandbox).GET("/v2/companies", { params: { query: { limit: 100 } } });
      expect(data?.data.map((c) => c.companyId)).toEqual(["comp_12345", "acme-1"]);
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/v2/companies`, { headers: authorized })).rejects.toThrow();
  });

  it("refuses a port that is not one", async () => {
    await expect(createSandbox("featurebase").listen({ port: 70000 })).rejects.toThrow(/port must be an integer 0-65535, got 70000/);
  });
});

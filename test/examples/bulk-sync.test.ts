import { describe, expect, it } from "vitest";
import { sampleCompanies, seedFeaturebase, syncAllCompanies } from "../../examples/sync/bulk.js";
import { trackProgress, unwrap } from "../../src/core/index.js";
import { createFeaturebaseClient } from "../../src/featurebase/index.js";
import { createFolkClient, paginateFolk } from "../../src/folk/index.js";
import { createSandbox } from "../../src/sandbox/index.js";

function setUp() {
  const source = createSandbox("featurebase", { seed: false, validateResponses: true });
  const target = createSandbox("folk", { seed: false, validateResponses: true });
  const clients = {
    featurebase: createFeaturebaseClient({ apiKey: "sk_test_sandbox", fetch: source.fetch }),
    folk: createFolkClient({ apiKey: "folk_test_sandbox", fetch: target.fetch }),
  };
  return { target, clients };
}

describe("examples/sync bulk sync, Featurebase to folk", () => {
  it("creates what folk lacks, then on the next run updates only what changed", async () => {
    const { clients } = setUp();
    const companies = sampleCompanies(120); // more than one page on each side
    await seedFeaturebase(clients.featurebase, companies);

    const first = trackProgress();
    expect(await syncAllCompanies(clients, first)).toEqual({ read: 120, created: 120, updated: 0, unchanged: 0, failures: [] });
    expect(first.finish()).toMatchObject({ done: 120, failed: 0, total: 120 });

    const moved = companies.slice(0, 3).map((c) => ({ ...c, industry: "Aerospace" }));
    await seedFeaturebase(clients.featurebase, moved);
    const second = trackProgress();
    expect(await syncAllCompanies(clients, second)).toEqual({ read: 120, created: 0, updated: 3, unchanged: 117, failures: [] });
    expect(second.finish()).toMatchObject({ done: 3, total: 3 });

    const inFolk = await paginateFolk(clients.folk, "/v1/companies", { params: { query: { limit: 100 } } }).toArray();
    expect(inFolk).toHaveLength(120);
    const byName = new Map(inFolk.map((c) => [c.name, c]));
    expect(byName.get("Company 0001")).toMatchObject({ industry: "Aerospace", urls: ["https://company-0001.example.com"] });
    expect(byName.get("Company 0004")).toMatchObject({ industry: companies[3]?.industry }); // untouched
  });

  it("reports a failed write with its status, counts it as failed, and writes the others", async () => {
    const { target, clients } = setUp();
    await seedFeaturebase(clients.featurebase, sampleCompanies(5));
    target.failNext(1, { status: 400, operationId: "createCompany" });
    const progress = trackProgress();
    const report = await syncAllCompanies(clients, progress);
    expect(report).toMatchObject({ read: 5, created: 4 });
    expect(report.failures).toEqual([
      { name: expect.stringMatching(/^Company 000\d$/), status: 400, error: expect.stringMatching(/^BadRequestError: /) },
    ]);
    expect(progress.finish()).toMatchObject({ done: 4, failed: 1, total: 5 });
    const inFolk = await unwrap(clients.folk.GET("/v1/companies", { params: { query: { limit: 100 } } }));
    expect(inFolk.data.items).toHaveLength(4);
  });
});

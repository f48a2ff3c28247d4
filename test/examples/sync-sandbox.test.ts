import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSyncInput, syncCompany } from "../../examples/sync/sync.js";
import { unwrap } from "../../src/core/index.js";
import { createFeaturebaseClient, paginateFeaturebase } from "../../src/featurebase/index.js";
import { createFolkClient, paginateFolk } from "../../src/folk/index.js";
import { createSandbox } from "../../src/sandbox/index.js";

const sample = new URL("../../examples/sync/acme.json", import.meta.url).pathname;
const input = parseSyncInput(JSON.parse(readFileSync(sample, "utf8")));

describe("examples/sync against the sandboxes", () => {
  it("after two runs, the company and each contact exist exactly once in each API, linked", async () => {
    const featurebaseSandbox = createSandbox("featurebase", { validateResponses: true });
    const folkSandbox = createSandbox("folk", { validateResponses: true });
    const clients = {
      featurebase: createFeaturebaseClient({ apiKey: "sk_test_sandbox", fetch: featurebaseSandbox.fetch }),
      folk: createFolkClient({ apiKey: "folk_test_sandbox", fetch: folkSandbox.fetch }),
    };

    const first = await syncCompany(input, clients);
    const second = await syncCompany(input, clients);
    expect([first.failures, second.failures]).toEqual([[], []]);
    expect(second.featurebase.companyId).toBe(first.featurebase.companyId);
    expect(second.featurebase.alreadyAttached).toBe(input.contacts.length);
    expect(second.folk).toMatchObject({ companyId: first.folk.companyId, companyCreated: false });

    const { featurebase, folk } = clients;
    const emails = input.contacts.map((c) => c.email).sort();
    const companies = await paginateFeaturebase(featurebase, "/v2/companies", { params: { query: { limit: 100 } } }).toArray();
    const company = companies.filter((c) => c.companyId === input.company.externalId);
    expect(company.map((c) => c.name)).toEqual([input.company.name]);
    const contacts = await paginateFeaturebase(featurebase, "/v2/contacts", {
      params: { query: { limit: 100, contactType: "all" } },
    }).toArray();
    expect(
      contacts
        .filter((c) => c.email && emails.includes(c.email))
        .map((c) => c.email)
        .sort(),
    ).toEqual(emails);
    const attached = await unwrap(
      featurebase.GET("/v2/companies/{id}/contacts", { params: { path: { id: company[0]!.id }, query: { limit: 100 } } }),
    );
    expect(
      attached.data
        .map((c) => c.email)
        .filter((e) => e && emails.includes(e))
        .sort(),
    ).toEqual(emails);

    const folkCompanies = await paginateFolk(folk, "/v1/companies", {
      params: { query: { filter: { name: { eq: input.company.name } } } },
    }).toArray();
    expect(folkCompanies.map((c) => c.id)).toEqual([first.folk.companyId]);
    for (const email of emails) {
      const people = await paginateFolk(folk, "/v1/people", { params: { query: { filter: { emails: { eq: email } } } } }).toArray();
      expect(people.map((p) => p.companies.map((c) => c.id))).toEqual([[first.folk.companyId]]);
    }
  });
});

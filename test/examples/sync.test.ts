import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSync } from "../../examples/sync/main.js";
import { parseSyncInput, syncCompany } from "../../examples/sync/sync.js";
import { loadApis } from "../../scripts/lib/api-registry.js";
import { type RunningPrism, startPrism } from "../../scripts/lib/prism.js";
import { createFeaturebaseClient } from "../../src/featurebase/index.js";
import { createFolkClient } from "../../src/folk/index.js";

const sample = new URL("../../examples/sync/acme.json", import.meta.url).pathname;
const input = parseSyncInput(JSON.parse(readFileSync(sample, "utf8")));

describe("examples/sync against the mocks", () => {
  const mocks: Record<string, RunningPrism> = {};
  beforeAll(async () => {
    for (const api of loadApis().filter((a) => a.name === "featurebase" || a.name === "folk")) {
      mocks[api.name] = await startPrism({ name: api.name, spec: api.root });
    }
  }, 180_000);
  afterAll(async () => {
    await Promise.all(Object.values(mocks).map((m) => m.stop()));
  }, 30_000);

  const clients = (featurebaseFetch?: (r: Request) => Promise<Response>, folkFetch?: (r: Request) => Promise<Response>) => ({
    featurebase: createFeaturebaseClient({ apiKey: "sk_mock", baseUrl: mocks.featurebase?.url, fetch: featurebaseFetch }),
    folk: createFolkClient({ apiKey: "folk_mock", baseUrl: mocks.folk?.url, fetch: folkFetch }),
  });

  it("writes the company and every contact to both APIs", async () => {
    const report = await syncCompany(input, clients());
    expect(report.failures).toEqual([]);
    expect(report.featurebase.companyId).toMatch(/^[0-9a-f]{24}$/);
    expect(report.featurebase.contactsUpserted).toBe(input.contacts.length);
    expect(report.featurebase.attached + report.featurebase.alreadyAttached).toBe(input.contacts.length);
    expect(report.folk.companyId).toMatch(/^com_/);
    expect(report.folk.peopleWritten).toBe(input.contacts.length);
  });

  it("attaches a contact whose upsert does not list the company yet", async () => {
    // The mock's contacts all list the company already; strip it, as for a contact that was never attached.
    const created = async (request: Request) => {
      const response = await fetch(request);
      if (request.method !== "POST" || new URL(request.url).pathname !== "/v2/contacts") return response;
      const contact = { ...((await response.json()) as object), companies: [] };
      return new Response(JSON.stringify(contact), { status: response.status, headers: response.headers });
    };
    const report = await syncCompany(input, clients(created));
    expect(report.failures).toEqual([]);
    expect(report.featurebase.attached).toBe(input.contacts.length);
  });

  it("creates the folk company and people when the filtered lookups find none", async () => {
    // The mock ignores filters and always finds its example; answer the lookups with empty pages instead.
    const writes: string[] = [];
    const nothingFound = async (request: Request) => {
      if (request.method === "GET") return Response.json({ data: { items: [], pagination: {} } });
      writes.push(`${request.method} ${new URL(request.url).pathname}`);
      return fetch(request);
    };
    const report = await syncCompany(input, clients(undefined, nothingFound));
    expect(report.failures).toEqual([]);
    expect(report.folk.companyCreated).toBe(true);
    expect(writes).toEqual(["POST /v1/companies", "POST /v1/people", "POST /v1/people"]);
  });

  it("reports a failed contact with its status and goes on with the others", async () => {
    const rejectJane = async (request: Request) => {
      const isJane = request.method === "POST" && (await request.clone().text()).includes("jane@acme.com");
      if (isJane) request.headers.set("Prefer", "code=400");
      return fetch(request);
    };
    const report = await syncCompany(input, clients(rejectJane));
    expect(report.failures).toEqual([
      { vendor: "featurebase", step: "upsert contact jane@acme.com", status: 400, error: expect.stringMatching(/^BadRequestError: /) },
    ]);
    expect(report.featurebase.contactsUpserted).toBe(input.contacts.length - 1);
    expect(report.folk.peopleWritten).toBe(input.contacts.length);
  });
});

describe("examples/sync input", () => {
  it("names the field that is wrong", () => {
    expect(() => parseSyncInput({ company: { externalId: "c1" }, contacts: [] }, "acme.json")).toThrow(
      "acme.json: company.name must be a non-empty string",
    );
    expect(() =>
      parseSyncInput({ company: { externalId: "c1", name: "A" }, contacts: [{ externalId: "u", name: "N", email: "nope" }] }),
    ).toThrow("contacts[0].email is not an email address");
    expect(() => parseSyncInput([], "x.json")).toThrow("x.json: company must be an object");
  });

  it("asks for the missing credentials by name", async () => {
    await expect(runSync(sample, { FOLK_API_KEY: "k" })).rejects.toThrow("set FEATUREBASE_API_KEY (or run `npm run example`");
  });
});

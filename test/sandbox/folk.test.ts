import { describe, expect, it } from "vitest";
import { NotFoundError, UnprocessableEntityError, unwrap } from "../../src/core/index.js";
import { createFolkClient, paginateFolk } from "../../src/folk/index.js";
import { createSandbox } from "../../src/sandbox/index.js";

/** A client on a fresh sandbox whose every reply is checked against the spec. */
function onSandbox(seed = true) {
  const sandbox = createSandbox("folk", { seed, validateResponses: true });
  return { sandbox, folk: createFolkClient({ apiKey: "folk_test_sandbox", fetch: sandbox.fetch, maxRetries: 0 }) };
}

const ENGINEERING = "grp_5fa60242-0756-4e31-8cca-30c2c5ff1ac2";
const SEEDED_COMPANY = "com_183ed5cc-3182-45de-84d1-d520f2604810";

describe("folk sandbox", () => {
  it("createCompany answers a com_ id; getCompany returns what was written", async () => {
    const { folk } = onSandbox(false);
    const { data: created } = await unwrap(
      folk.POST("/v1/companies", { body: { name: "Acme", emails: ["hi@acme.com"], foundationYear: 1990 } }),
    );
    expect(created.id).toMatch(/^com_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const { data: read } = await unwrap(folk.GET("/v1/companies/{companyId}", { params: { path: { companyId: created.id } } }));
    expect(read).toEqual(created);
    expect(read).toMatchObject({ name: "Acme", emails: ["hi@acme.com"], foundationYear: "1990" });
  });

  it("updateCompany changes only the fields sent, and a list sent replaces the old one", async () => {
    const { folk } = onSandbox();
    const path = { companyId: SEEDED_COMPANY };
    const { data: before } = await unwrap(folk.GET("/v1/companies/{companyId}", { params: { path } }));
    const { data: after } = await unwrap(
      folk.PATCH("/v1/companies/{companyId}", { params: { path }, body: { name: "New", emails: ["only@new.com"] } }),
    );
    expect(after).toEqual({ ...before, name: "New", emails: ["only@new.com"] });
  });

  it("a company name is unique: creating or renaming to a taken name is a 422 naming name, and changes nothing", async () => {
    const { folk } = onSandbox();
    const duplicate = await folk.POST("/v1/companies", { body: { name: "Tech Corp" } });
    expect(duplicate.response.status).toBe(422);
    expect(duplicate.error?.error.details).toMatchObject({ issues: [{ path: ["name"] }] });
    const { data: other } = await unwrap(folk.POST("/v1/companies", { body: { name: "Other" } }));
    const rename = await unwrap(
      folk.PATCH("/v1/companies/{companyId}", { params: { path: { companyId: other.id } }, body: { name: "tech corp" } }),
    ).catch((e: unknown) => e);
    expect(rename).toBeInstanceOf(UnprocessableEntityError);
    expect((await unwrap(folk.GET("/v1/companies/{companyId}", { params: { path: { companyId: other.id } } }))).data.name).toBe("Other");
  });

  it("21 emails is a 422 whose issue names emails, and nothing is created", async () => {
    const { folk } = onSandbox(false);
    const emails = Array.from({ length: 21 }, (_, i) => `p${i}@acme.com`);
    const { error, response } = await folk.POST("/v1/people", { body: { fullName: "Too Many", emails } });
    expect(response.status).toBe(422);
    expect(error?.error).toMatchObject({ code: "UNPROCESSABLE_ENTITY", message: expect.stringContaining("emails") });
    expect(error?.error.details).toEqual({
      issues: [{ code: "too_big", maximum: 20, path: ["emails"], message: "emails must NOT have more than 20 items" }],
    });
    expect((await unwrap(folk.GET("/v1/people"))).data.items).toEqual([]);
  });

  it("deleteCompany, then getCompany is a 404 naming the id; its people lose the link", async () => {
    const { folk } = onSandbox();
    const { data: person } = await unwrap(folk.GET("/v1/people")).then((r) => ({ data: r.data.items[0]! }));
    expect(person.companies.map((c) => c.id)).toEqual([SEEDED_COMPANY]);
    const path = { companyId: SEEDED_COMPANY };
    expect(await unwrap(folk.DELETE("/v1/companies/{companyId}", { params: { path } }))).toEqual({ data: { id: SEEDED_COMPANY } });
    const missing = await unwrap(folk.GET("/v1/companies/{companyId}", { params: { path } })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).message).toContain(SEEDED_COMPANY);
    expect((await unwrap(folk.GET("/v1/people/{personId}", { params: { path: { personId: person.id } } }))).data.companies).toEqual([]);
  });

  it("links people to companies both ways: the person lists the company, a filter on companies lists the person", async () => {
    const { folk } = onSandbox(false);
    const { data: acme } = await unwrap(folk.POST("/v1/companies", { body: { name: "Acme" } }));
    const { data: jane } = await unwrap(
      folk.POST("/v1/people", { body: { fullName: "Jane Roe", companies: [{ id: acme.id }, { name: "Globex" }] } }),
    );
    expect(jane).toMatchObject({ firstName: "Jane", lastName: "Roe", fullName: "Jane Roe" });
    expect(jane.companies.map((c) => c.name)).toEqual(["Acme", "Globex"]);
    const filter = { companies: { in: { id: acme.id } } };
    const { data: people } = await unwrap(folk.GET("/v1/people", { params: { query: { filter } } }));
    expect(people.items.map((p) => p.id)).toEqual([jane.id]);
    const { data: updated } = await unwrap(
      folk.PATCH("/v1/people/{personId}", { params: { path: { personId: jane.id } }, body: { companies: [{ name: "Globex" }] } }),
    );
    expect(updated.companies.map((c) => c.name)).toEqual(["Globex"]);
    expect((await unwrap(folk.GET("/v1/people", { params: { query: { filter } } }))).data.items).toEqual([]);
  });

  it("custom field values need the group; numbers read back as strings; leaving the group drops them", async () => {
    const { folk } = onSandbox();
    const notInGroup = await folk.POST("/v1/companies", { body: { name: "Acme", customFieldValues: { [ENGINEERING]: { ARR: 5 } } } });
    expect(notInGroup.error?.error.details).toMatchObject({ issues: [{ path: ["customFieldValues", ENGINEERING] }] });
    const { data: acme } = await unwrap(
      folk.POST("/v1/companies", {
        body: { name: "Acme", groups: [{ id: ENGINEERING }], customFieldValues: { [ENGINEERING]: { ARR: 42000000, Status: "Active" } } },
      }),
    );
    expect(acme.customFieldValues).toEqual({ [ENGINEERING]: { ARR: "42000000", Status: "Active" } });
    const path = { companyId: acme.id };
    const unset = await unwrap(
      folk.PATCH("/v1/companies/{companyId}", { params: { path }, body: { customFieldValues: { [ENGINEERING]: { Status: null } } } }),
    );
    expect(unset.data.customFieldValues).toEqual({ [ENGINEERING]: { ARR: "42000000" } });
    const left = await unwrap(folk.PATCH("/v1/companies/{companyId}", { params: { path }, body: { groups: [] } }));
    expect(left.data.customFieldValues).toEqual({});
  });

  it("filters with each documented operator, combined with and (default) or or", async () => {
    const { folk } = onSandbox(false);
    await unwrap(
      folk.POST("/v1/companies", { body: { name: "Acme", industry: "Retail", emails: ["a@acme.com"], foundationYear: "1990" } }),
    );
    await unwrap(folk.POST("/v1/companies", { body: { name: "Globex", industry: "Energy", foundationYear: "2005" } }));
    await unwrap(folk.POST("/v1/companies", { body: { name: "Acme Labs" } }));
    type Query = NonNullable<NonNullable<Parameters<typeof paginateFolk<"/v1/companies">>[2]>["params"]>["query"];
    const names = async (query: Query) => (await paginateFolk(folk, "/v1/companies", { params: { query } }).toArray()).map((c) => c.name);
    expect(await names({ filter: { name: { eq: "acme" } } })).toEqual(["Acme"]);
    expect(await names({ filter: { name: { not_eq: "Acme" } } })).toEqual(["Globex", "Acme Labs"]);
    expect(await names({ filter: { name: { like: "acme" } } })).toEqual(["Acme", "Acme Labs"]);
    expect(await names({ filter: { name: { not_like: "acme" } } })).toEqual(["Globex"]);
    expect(await names({ filter: { emails: { empty: "" } } })).toEqual(["Globex", "Acme Labs"]);
    expect(await names({ filter: { emails: { not_empty: "" } } })).toEqual(["Acme"]);
    expect(await names({ filter: { industry: { in: ["Energy", "Retail"] } } })).toEqual(["Acme", "Globex"]);
    expect(await names({ filter: { industry: { not_in: "Energy" } } })).toEqual(["Acme", "Acme Labs"]);
    expect(await names({ filter: { foundationYear: { gt: "2000" } } })).toEqual(["Globex"]);
    expect(await names({ filter: { foundationYear: { lt: 2000 } } })).toEqual(["Acme"]);
    expect(await names({ filter: { name: { like: "acme" }, industry: { eq: "Retail" } } })).toEqual(["Acme"]);
    expect(await names({ filter: { name: { eq: "Globex" }, industry: { eq: "Retail" } }, combinator: "or" })).toEqual(["Acme", "Globex"]);
  });

  it("an unknown filter attribute or operator is a 422 naming it", async () => {
    const { folk } = onSandbox();
    // @ts-expect-error colour is not an attribute of a company: the editor says what folk will
    const attribute = await folk.GET("/v1/companies", { params: { query: { filter: { colour: { eq: "red" } } } } });
    expect(attribute.error?.error.message).toContain("filter[colour]");
    // @ts-expect-error lte is not a documented operator
    const operator = await folk.GET("/v1/companies", { params: { query: { filter: { name: { lte: "b" } } } } });
    expect(operator.response.status).toBe(422);
    expect(operator.error?.error.message).toContain("lte");
  });

  it("pages through 23 companies exactly once by following nextLink", async () => {
    const { folk } = onSandbox(false);
    for (let i = 0; i < 23; i++) await unwrap(folk.POST("/v1/companies", { body: { name: `Company ${i}` } }));
    const pages = [];
    for await (const page of paginateFolk(folk, "/v1/companies", { params: { query: { limit: 10 } } }).pages()) pages.push(page);
    expect(pages.map((p) => p.data.items.length)).toEqual([10, 10, 3]);
    expect(pages.flatMap((p) => p.data.items.map((c) => c.name))).toEqual(Array.from({ length: 23 }, (_, i) => `Company ${i}`));
    const first = await unwrap(folk.GET("/v1/companies", { params: { query: { limit: 10 } } }));
    expect(new URL(first.data.pagination.nextLink!).searchParams.get("limit")).toBe("10");
  });

  it("searchPeople pages its matches with the cursor of nextLink, the body sent again", async () => {
    const { folk } = onSandbox(false);
    for (let i = 0; i < 5; i++) await unwrap(folk.POST("/v1/people", { body: { fullName: `Match ${i}` } }));
    await unwrap(folk.POST("/v1/people", { body: { fullName: "Other" } }));
    const body = { filter: { fullName: { like: "match" } } };
    const first = await unwrap(folk.POST("/v1/people/search", { params: { query: { limit: 3 } }, body }));
    const cursor = new URL(first.data.pagination.nextLink!).searchParams.get("cursor")!;
    const second = await unwrap(folk.POST("/v1/people/search", { params: { query: { limit: 3, cursor } }, body }));
    expect([...first.data.items, ...second.data.items].map((p) => p.fullName)).toEqual([
      "Match 0",
      "Match 1",
      "Match 2",
      "Match 3",
      "Match 4",
    ]);
    expect(second.data.pagination.nextLink).toBeUndefined();
  });

  it("lists the seeded groups; a group that does not exist is a 422 naming groups", async () => {
    const { folk } = onSandbox();
    const { data } = await unwrap(folk.GET("/v1/groups"));
    expect(data.items.map((g) => g.id)).toContain(ENGINEERING);
    const unknown = await folk.POST("/v1/people", { body: { groups: [{ id: "grp_00000000-0000-4000-8000-000000000000" }] } });
    expect(unknown.error?.error.details).toMatchObject({ issues: [{ path: ["groups", 0, "id"] }] });
  });

  it("deletePerson, then getPerson and a second delete are 404s", async () => {
    const { folk } = onSandbox(false);
    const { data: person } = await unwrap(folk.POST("/v1/people", { body: { firstName: "Jane" } }));
    const path = { personId: person.id };
    expect(person.id).toMatch(/^per_/);
    await unwrap(folk.DELETE("/v1/people/{personId}", { params: { path } }));
    expect((await folk.GET("/v1/people/{personId}", { params: { path } })).response.status).toBe(404);
    expect((await folk.DELETE("/v1/people/{personId}", { params: { path } })).response.status).toBe(404);
  });
});

import { describe, expect, it } from "vitest";
import type { components } from "../../generated/folk.js";
import { NotFoundError, unwrap } from "../../src/core/index.js";
import { paginateFolk, searchAllFolk } from "../../src/folk/index.js";
import { onFolkSandbox, SEEDED, unknownId } from "./folk-sandbox.js";

const DEALS = { groupId: SEEDED.engineering, objectType: "Deals" };

describe("folk sandbox: the objects of a group (deals)", () => {
  it("createDeal → getDeal → updateDeal (only the fields sent) → listDeals finds it → deleteDeal → 404", async () => {
    const { folk } = onFolkSandbox();
    const { data: created } = await unwrap(
      folk.POST("/v1/groups/{groupId}/{objectType}", {
        params: { path: DEALS },
        body: { name: "Project Beta", companies: [{ id: SEEDED.company }], customFieldValues: { Status: "Active", "Deal value": 1200 } },
      }),
    );
    expect(created).toMatchObject({
      name: "Project Beta",
      companies: [{ id: SEEDED.company, name: "Tech Corp" }],
      people: [],
      createdBy: { id: SEEDED.apiUser },
      customFieldValues: { Status: "Active", "Deal value": "1200" },
    });
    const path = { ...DEALS, objectId: created.id };
    expect((await unwrap(folk.GET("/v1/groups/{groupId}/{objectType}/{objectId}", { params: { path } }))).data).toEqual(created);

    const { data: updated } = await unwrap(
      folk.PATCH("/v1/groups/{groupId}/{objectType}/{objectId}", {
        params: { path },
        body: { people: [{ id: SEEDED.person }], customFieldValues: { Status: null } },
      }),
    );
    expect(updated).toEqual({
      ...created,
      people: [{ id: SEEDED.person, fullName: "John Doe" }],
      customFieldValues: { "Deal value": "1200" },
    });

    const listed = await paginateFolk(folk, "/v1/groups/{groupId}/{objectType}", { params: { path: DEALS } }).toArray();
    expect(listed.map((d) => d.id)).toEqual([SEEDED.deal, created.id]);

    expect((await unwrap(folk.DELETE("/v1/groups/{groupId}/{objectType}/{objectId}", { params: { path } }))).data).toEqual({
      id: created.id,
    });
    const gone = await unwrap(folk.GET("/v1/groups/{groupId}/{objectType}/{objectId}", { params: { path } })).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(NotFoundError);
    expect((gone as NotFoundError).message).toContain(created.id);
  });

  it("listDeals and searchDeals filter as people and companies do, custom fields by name", async () => {
    const { folk } = onFolkSandbox();
    for (const [name, value] of [
      ["Small", 10],
      ["Large", 90000],
    ] as const) {
      await unwrap(
        folk.POST("/v1/groups/{groupId}/{objectType}", {
          params: { path: DEALS },
          body: { name, customFieldValues: { "Deal value": value } },
        }),
      );
    }
    const names = async (query: components["schemas"]["SearchRequest"]) =>
      (await paginateFolk(folk, "/v1/groups/{groupId}/{objectType}", { params: { path: DEALS, query } }).toArray()).map((d) => d.name);
    expect(await names({ filter: { "customFieldValues.Deal value": { gt: 40000 } } })).toEqual(["Project Alpha", "Large"]);
    expect(await names({ filter: { name: { like: "proj" } } })).toEqual(["Project Alpha"]);
    expect(await names({ filter: { companies: { in: { id: SEEDED.company } } } })).toEqual(["Project Alpha"]);
    const searched = await searchAllFolk(folk, "/v1/groups/{groupId}/{objectType}/search", {
      params: { path: DEALS },
      body: { filter: { name: { eq: "small" }, "customFieldValues.Deal value": { lt: 5 } }, combinator: "or" },
    }).toArray();
    expect(searched.map((d) => d.name)).toEqual(["Small"]);
    const grouped = await folk.GET("/v1/groups/{groupId}/{objectType}", {
      params: { path: DEALS, query: { filter: { [`customFieldValues.${SEEDED.engineering}.Status`]: { eq: "Active" } } } },
    });
    expect(grouped.response.status).toBe(422);
    expect(grouped.error?.error.message).toContain("customFieldValues.<field>");
  });

  it("a link to an unknown person is a 422 naming it, and leaves the deal as it was", async () => {
    const { folk } = onFolkSandbox();
    const path = { ...DEALS, objectId: SEEDED.deal };
    const { data: before } = await unwrap(folk.GET("/v1/groups/{groupId}/{objectType}/{objectId}", { params: { path } }));
    const missing = unknownId("per");
    const bad = await folk.PATCH("/v1/groups/{groupId}/{objectType}/{objectId}", {
      params: { path },
      body: { name: "Renamed", people: [{ id: SEEDED.person }, { id: missing }] },
    });
    expect(bad.response.status).toBe(422);
    expect(bad.error?.error.details).toMatchObject({ issues: [{ path: ["people", 1, "id"], message: expect.stringContaining(missing) }] });
    expect((await unwrap(folk.GET("/v1/groups/{groupId}/{objectType}/{objectId}", { params: { path } }))).data).toEqual(before);
  });

  it("an unknown group, an object type the group lacks, or a deal of another place is a 404 naming it", async () => {
    const { folk } = onFolkSandbox();
    const group = unknownId("grp");
    const noGroup = await folk.GET("/v1/groups/{groupId}/{objectType}", { params: { path: { ...DEALS, groupId: group } } });
    expect(noGroup.error?.error.message).toBe(`Group ${group} was not found`);
    const noType = await folk.POST("/v1/groups/{groupId}/{objectType}", {
      params: { path: { ...DEALS, objectType: "Projects" } },
      body: {},
    });
    expect(noType.error?.error.message).toBe(`Object type Projects was not found in group ${SEEDED.engineering}`);
    const otherGroup = "grp_bc984b3f-0386-434d-82d7-a91eb6badd71";
    const elsewhere = await folk.GET("/v1/groups/{groupId}/{objectType}/{objectId}", {
      params: { path: { groupId: otherGroup, objectType: "Deals", objectId: SEEDED.deal } },
    });
    expect(elsewhere.response.status).toBe(404);
  });
});

describe("folk sandbox: group custom fields", () => {
  it("lists a group's fields for people, none for companies, and 404s for an unknown group or object type", async () => {
    const { folk } = onFolkSandbox();
    const fields = (groupId: string, entityType: string) =>
      folk.GET("/v1/groups/{groupId}/custom-fields/{entityType}", { params: { path: { groupId, entityType }, query: { limit: 3 } } });
    const people = await paginateFolk(folk, "/v1/groups/{groupId}/custom-fields/{entityType}", {
      params: { path: { groupId: SEEDED.engineering, entityType: "person" }, query: { limit: 3 } },
    }).toArray();
    expect(people.map((f) => f.name)).toEqual([
      "Status",
      "Total Revenue",
      "Details",
      "Tags",
      "Relationships",
      "Date",
      "Assigned to",
      "Deals",
    ]);
    const firstPage = await unwrap(fields(SEEDED.engineering, "person"));
    expect(firstPage.data.items).toHaveLength(3);
    expect(firstPage.data.pagination.nextLink).toContain("cursor=");
    expect((await unwrap(fields(SEEDED.engineering, "company"))).data.items).toEqual([]);
    expect((await unwrap(fields(SEEDED.engineering, "Deals"))).data.items).toEqual([]);
    expect((await fields(SEEDED.engineering, "Projects")).error?.error.message).toBe(
      `Object type Projects was not found in group ${SEEDED.engineering}`,
    );
    const group = unknownId("grp");
    expect((await fields(group, "person")).error?.error.message).toBe(`Group ${group} was not found`);
  });
});

import { describe, expect, expectTypeOf, it } from "vitest";
import { unwrap } from "../../src/core/index.js";
import { type GroupCustomField, paginateFolk, type User } from "../../src/folk/index.js";
import { rejectionReport, requestViolationPaths } from "../support/mocks.js";
import { folk, GROUP_ID, USER_ID } from "./calls.js";
import { expectUser } from "./expect.js";

describe("folk users", () => {
  it("listUsers: 200 returns a typed page of workspace users", async () => {
    const { data, response } = await folk().GET("/v1/users", { params: { query: { limit: 50 } } });
    expect(requestViolationPaths(response)).toEqual([]);
    expectTypeOf(data!.data.items).toEqualTypeOf<User[]>();
    expect(data?.data.items.length).toBeGreaterThan(0);
    data?.data.items.forEach(expectUser);
  });

  it("listUsers: limit=101 is rejected naming limit", async () => {
    const { response, error } = await folk().GET("/v1/users", { params: { query: { limit: 101 } } });
    expect(await rejectionReport(response, error)).toMatch(/request\.query\.limit: .*<= 100/);
  });

  it("paginateFolk: walks the workspace users", async () => {
    const iterator = paginateFolk(folk(), "/v1/users", { params: { query: { limit: 1 } } })[Symbol.asyncIterator]();
    const first = await iterator.next();
    expectUser(first.value as User);
  });

  it("getCurrentUser: 200 returns the user the API key belongs to", async () => {
    const me = await unwrap(folk().GET("/v1/users/me"));
    expectUser(me.data);
  });

  it("getUser: 200 returns the user", async () => {
    const { data, response } = await folk().GET("/v1/users/{userId}", { params: { path: { userId: USER_ID } } });
    expect(requestViolationPaths(response)).toEqual([]);
    expectUser(data!.data);
  });

  it("getUser: a 39-character id is rejected naming userId", async () => {
    const { response, error } = await folk().GET("/v1/users/{userId}", { params: { path: { userId: USER_ID.slice(0, 39) } } });
    expect(await rejectionReport(response, error)).toMatch(/request\.path\.userid: .*fewer than 40 characters/i);
  });
});

describe("folk group custom fields", () => {
  const path = { groupId: GROUP_ID, entityType: "person" };

  it("listGroupCustomFields: 200 returns the fields with their types, options and config", async () => {
    const { data, response } = await folk().GET("/v1/groups/{groupId}/custom-fields/{entityType}", {
      params: { path, query: { limit: 100 } },
    });
    expect(requestViolationPaths(response)).toEqual([]);
    expectTypeOf(data!.data.items).toEqualTypeOf<GroupCustomField[]>();
    const byName = new Map(data!.data.items.map((field) => [field.name, field]));
    expect(byName.get("Status")?.options?.map((option) => option.label)).toEqual(["Active", "Inactive"]);
    expect(byName.get("Total Revenue")?.config?.currency).toBe("USD");
  });

  it("listGroupCustomFields: a group id of 41 characters is rejected naming groupId", async () => {
    const { response, error } = await folk().GET("/v1/groups/{groupId}/custom-fields/{entityType}", {
      params: { path: { ...path, groupId: `${GROUP_ID}0` } },
    });
    expect(await rejectionReport(response, error)).toMatch(/request\.path\.groupid: .*more than 40 characters/i);
  });

  it("listGroupCustomFields: limit=0 is rejected naming limit", async () => {
    const { response, error } = await folk().GET("/v1/groups/{groupId}/custom-fields/{entityType}", {
      params: { path, query: { limit: 0 } },
    });
    expect(await rejectionReport(response, error)).toMatch(/request\.query\.limit: .*>= 1/);
  });

  it("paginateFolk: takes the path parameters of a templated list in params.path", async () => {
    const iterator = paginateFolk(folk(), "/v1/groups/{groupId}/custom-fields/{entityType}", { params: { path, query: { limit: 10 } } })[
      Symbol.asyncIterator
    ]();
    expect((await iterator.next()).value?.name).toBe("Status");
  });
});

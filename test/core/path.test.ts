import { describe, expect, it } from "vitest";
import { bearerAuth, createCrmClient } from "../../src/core/vendor-kit.js";
import type { paths } from "./fixtures/paths.js";
import { API_KEY, testVendor } from "./fixtures/vendor.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";

function client() {
  const fake = fakeFetch(() => json(200, { id: "c1", name: "Acme" }));
  const api = createCrmClient<paths>(testVendor, { fetch: fake.fetch, maxRetries: 0 }, bearerAuth(API_KEY));
  return { api, fake, sentPath: (index = 0) => new URL(fake.requests[index]?.url ?? "http://x/").pathname };
}

describe("path parameters", () => {
  it("percent-encodes a slash so that a/b stays one segment", async () => {
    const { api, sentPath } = client();
    await api.GET("/companies/{id}", { params: { path: { id: "a/b" } } });
    expect(sentPath()).toBe("/companies/a%2Fb");
  });

  it("cannot be used to climb out of the path with ../admin", async () => {
    const { api, sentPath } = client();
    await api.GET("/companies/{id}", { params: { path: { id: "../admin" } } });
    expect(sentPath()).toBe("/companies/..%2Fadmin");
  });

  it("encodes query-like and fragment characters", async () => {
    const { api, sentPath, fake } = client();
    await api.GET("/companies/{id}", { params: { path: { id: "x?admin=1#y" } } });
    expect(sentPath()).toBe("/companies/x%3Fadmin%3D1%23y");
    expect(new URL(fake.requests[0]?.url ?? "").search).toBe("");
  });

  it.each([".", ".."])("refuses %j, which a URL parser would resolve as a dot segment", async (id) => {
    const { api, fake } = client();
    await expect(api.GET("/companies/{id}", { params: { path: { id } } })).rejects.toThrow(TypeError);
    expect(fake.requests).toHaveLength(0);
  });

  it("encodes an already-encoded %2e%2e again, so the server does not see a dot segment", async () => {
    const { api, sentPath } = client();
    await api.GET("/companies/{id}", { params: { path: { id: "%2e%2e" } } });
    expect(sentPath()).toBe("/companies/%252e%252e");
  });

  it("throws a TypeError naming the parameter and path when a path parameter is missing", async () => {
    const { api, fake } = client();
    const call = api.PUT("/companies/{id}/contacts/{contactId}", { params: { path: { id: "c1" } } } as never);
    await expect(call).rejects.toThrow(
      'crm-kit: path parameter "contactId" of /companies/{id}/contacts/{contactId} is missing or empty; pass it as params: { path: { contactId: … } }.',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it("throws when params.path is omitted altogether rather than sending a literal {id}", async () => {
    const { api, fake } = client();
    await expect(api.GET("/companies/{id}", {} as never)).rejects.toThrow('path parameter "id" of /companies/{id} is missing or empty');
    expect(fake.requests).toHaveLength(0);
  });

  it("throws on an empty string id, which would address the collection instead", async () => {
    const { api } = client();
    await expect(api.DELETE("/companies/{id}", { params: { path: { id: "" } } })).rejects.toThrow('path parameter "id"');
  });

  it("sends numbers and ordinary ids unchanged", async () => {
    const { api, sentPath } = client();
    await api.GET("/companies/{id}", { params: { path: { id: 42 as unknown as string } } });
    await api.GET("/companies/{id}", { params: { path: { id: "cmp_01.v2" } } });
    expect([sentPath(0), sentPath(1)]).toEqual(["/companies/42", "/companies/cmp_01.v2"]);
  });
});

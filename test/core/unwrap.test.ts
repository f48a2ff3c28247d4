import { describe, expect, expectTypeOf, it } from "vitest";
import { ApiError, ConnectionError, NotFoundError, unwrap } from "../../src/core/index.js";
import { bearerAuth, createCrmClient } from "../../src/core/vendor-kit.js";
import type { components, paths } from "./fixtures/paths.js";
import { API_KEY, testVendor } from "./fixtures/vendor.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";

type Company = components["schemas"]["Company"];

function clientAnswering(respond: (request: Request) => Response | Promise<Response>) {
  const fake = fakeFetch(respond);
  return createCrmClient<paths>(testVendor, { fetch: fake.fetch, maxRetries: 0 }, bearerAuth(API_KEY));
}

describe("unwrap", () => {
  it("resolves to the data of a 2xx result", async () => {
    const api = clientAnswering(() => json(200, { id: "c1", name: "Acme" }));
    await expect(unwrap(api.GET("/companies/{id}", { params: { path: { id: "c1" } } }))).resolves.toEqual({ id: "c1", name: "Acme" });
  });

  it("resolves to undefined for a 204", async () => {
    const api = clientAnswering(() => new Response(null, { status: 204 }));
    await expect(unwrap(api.DELETE("/companies/{id}", { params: { path: { id: "c1" } } }))).resolves.toBeUndefined();
  });

  it("throws the ApiError subclass with the vendor's fields, method and URL", async () => {
    const api = clientAnswering(() => json(404, { error: { code: "not_found", message: "No company c9" } }, { "x-request-id": "req_7" }));
    const error = await unwrap(api.GET("/companies/{id}", { params: { path: { id: "c9" } } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      code: "not_found",
      requestId: "req_7",
      method: "GET",
      url: "https://api.acme.test/companies/c9",
      body: { error: { code: "not_found", message: "No company c9" } },
      message: "crm-kit (acme): GET /companies/c9 returned 404: No company c9 [code not_found, request id req_7]",
    });
  });

  it("keeps the { data, error, response } result style untouched for callers who prefer it", async () => {
    const api = clientAnswering(() => json(404, { error: { code: "not_found", message: "gone" } }));
    const { data, error, response } = await api.GET("/companies/{id}", { params: { path: { id: "c9" } } });
    expect(data).toBeUndefined();
    expect(error).toEqual({ error: { code: "not_found", message: "gone" } });
    expect(response.status).toBe(404);
  });

  it("lets transport errors through unchanged", async () => {
    const api = clientAnswering(() => Promise.reject(new TypeError("fetch failed")));
    await expect(unwrap(api.GET("/companies"))).rejects.toThrow(ConnectionError);
  });

  it("still throws an ApiError for a result that did not come from a crm-kit client", async () => {
    const result = { error: "nope", response: new Response("nope", { status: 418 }) };
    await expect(unwrap(Promise.resolve(result))).rejects.toThrow(ApiError);
  });

  it("is typed with the operation's documented success content", async () => {
    const api = clientAnswering(() => json(200, {}));
    const path = { params: { path: { id: "c1" } } };
    expectTypeOf(unwrap(api.GET("/companies/{id}", path))).resolves.toEqualTypeOf<Company>();
    expectTypeOf(unwrap(api.GET("/companies"))).resolves.toEqualTypeOf<components["schemas"]["CompanyPage"]>();
    // A 204-only operation has no data; one documenting 200 and 204 may have none.
    expectTypeOf(unwrap(api.DELETE("/companies/{id}", path))).resolves.toEqualTypeOf<undefined>();
    expectTypeOf(
      unwrap(api.PUT("/companies/{id}/contacts/{contactId}", { params: { path: { id: "c1", contactId: "p1" } } })),
    ).resolves.toEqualTypeOf<Company | undefined>();
    // A loosely typed result (as a vendor adapter may declare) unwraps to its non-nullable data.
    const loose: { data?: Company; error?: unknown; response: Response } = { data: { id: "c1", name: "Acme" }, response: new Response() };
    expectTypeOf(unwrap(Promise.resolve(loose))).resolves.toEqualTypeOf<Company>();
    // Only checked by the compiler, never run: a bare value is not a result.
    const notAResult = () =>
      // @ts-expect-error a bare value has no response
      unwrap(Promise.resolve({ data: 1 }));
    expectTypeOf(notAResult).toBeFunction();
  });
});

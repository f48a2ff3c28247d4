import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError, CrmKitError, type LogEvent, unwrap } from "../../src/core/index.js";
import { type AuthStrategy, createCrmClient } from "../../src/core/vendor-kit.js";
import type { paths } from "./fixtures/paths.js";
import { API_KEY, testVendor } from "./fixtures/vendor.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";
import { type FaultServer, sendJson, startFaultServer } from "./helpers/fault-server.js";

const SESSION = "session-token-secret-5e1f";

// Two servers on different ports are two origins: `api` is the one the client is configured for.
let api: FaultServer;
let other: FaultServer;
beforeAll(async () => {
  [api, other] = await Promise.all([startFaultServer(), startFaultServer()]);
});
afterAll(async () => {
  await Promise.all([api.close(), other.close()]);
});
beforeEach(() => {
  other.reset((_req, res) => sendJson(res, 200, { id: "c1", name: "Acme" }));
});

/** Authorization plus the vendor's secret header, as Kare sends them. */
const twoTokens: AuthStrategy = {
  authorize(headers) {
    headers.set("Authorization", `Bearer ${API_KEY}`);
    headers.set("X-Session-Token", SESSION);
  },
  secrets: () => [API_KEY, SESSION],
};

function client(events: LogEvent[] = []) {
  return createCrmClient<paths>(testVendor, { baseUrl: api.url, maxRetries: 0, logger: (e) => events.push(e) }, twoTokens);
}

const redirectTo = (status: number, location: () => string) => (_req: unknown, res: import("node:http").ServerResponse) => {
  res.writeHead(status, { location: location(), "content-type": "text/html" });
  res.end("<html><title>Moved</title></html>");
};

describe("redirects", () => {
  it.each([301, 302, 303, 307, 308])("does not follow a %i to another origin, so no credential reaches it", async (status) => {
    api.reset(redirectTo(status, () => `${other.url}/companies/c1?from=api`));
    const error = await unwrap(client().GET("/companies/{id}", { params: { path: { id: "c1" } } })).catch((e: unknown) => e);
    expect(other.seen).toEqual([]);
    expect(api.seen).toHaveLength(1);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, url: `${api.url}/companies/c1` });
    expect((error as ApiError).message).toContain(
      `The API redirected to another origin (${other.url}) and crm-kit did not follow it, so credentials are not sent there`,
    );
    // Only the origin is named: the Location's path and query may carry something meant for the other host.
    expect((error as ApiError).message).not.toContain("from=api");
    expect((error as ApiError).headers.location).toBe(`${other.url}/…`);
    expect(JSON.stringify(error)).not.toContain("from=api");
  });

  it("does not follow a POST's 307 to another origin either, so its body and tokens stay put", async () => {
    api.reset(redirectTo(307, () => `${other.url}/companies`));
    const { response } = await client().POST("/companies", { body: { name: "Acme" } });
    expect(response.status).toBe(307);
    expect(other.seen).toEqual([]);
  });

  it("follows a same-origin redirect with the credentials, and logs one request and one response", async () => {
    api.reset((req, res, hit) => {
      if (hit === 1) return redirectTo(302, () => "/companies/c2")(req, res);
      sendJson(res, 200, { id: "c2", name: "Moved Inc" });
    });
    const events: LogEvent[] = [];
    const company = await unwrap(client(events).GET("/companies/{id}", { params: { path: { id: "c1" } } }));
    expect(company).toEqual({ id: "c2", name: "Moved Inc" });
    expect(api.seen.map((r) => `${r.method} ${r.url}`)).toEqual(["GET /companies/c1", "GET /companies/c2"]);
    expect(api.seen[1]?.headers["x-session-token"]).toBe(SESSION);
    expect(api.seen[1]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(events.map((e) => (e.type === "response" ? `response ${e.status}` : e.type))).toEqual(["request", "response 200"]);
  });

  it.each([
    // status, method sent, method after the redirect, body kept
    [301, "POST", "GET", false],
    [302, "POST", "GET", false],
    [303, "POST", "GET", false],
    [303, "PATCH", "GET", false],
    [302, "PATCH", "PATCH", true],
    [307, "POST", "POST", true],
    [308, "PATCH", "PATCH", true],
  ] as const)("a same-origin %i for a %s continues as a %s (body kept: %s), as fetch does", async (status, method, next, kept) => {
    api.reset((req, res, hit) => {
      if (hit === 1) return redirectTo(status, () => "/companies/c2")(req, res);
      sendJson(res, 200, { id: "c2", name: "Acme" });
    });
    const api2 = client();
    const result =
      method === "POST"
        ? await api2.POST("/companies", { body: { name: "Acme" } })
        : await api2.PATCH("/companies/{id}", { params: { path: { id: "c1" } }, body: { name: "Acme" } });
    expect(result.response.status).toBe(200);
    const [, second] = api.seen;
    expect(second?.method).toBe(next);
    expect(second?.url).toBe("/companies/c2");
    expect(second?.body).toBe(kept ? JSON.stringify({ name: "Acme" }) : "");
    expect(second?.headers["content-type"]).toBe(kept ? "application/json" : undefined);
    expect(second?.headers["x-session-token"]).toBe(SESSION);
  });

  it("follows at most 5 redirects, then surfaces the 6th as an ApiError", async () => {
    api.reset((req, res, hit) => redirectTo(302, () => `/companies/hop-${hit}`)(req, res));
    const error = await unwrap(client().GET("/companies")).catch((e: unknown) => e);
    expect(api.seen).toHaveLength(6);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(
      /returned 302 .*did not follow this redirect within http:\/\/127\.0\.0\.1:\d+ \(it follows at most 5/,
    );
  });

  it("leaves a redirect alone when the call asked for redirect: manual", async () => {
    api.reset(redirectTo(302, () => "/companies/c2"));
    const { response } = await client().GET("/companies/{id}", { params: { path: { id: "c1" } }, redirect: "manual" });
    expect(response.status).toBe(302);
    expect(api.seen).toHaveLength(1);
  });

  it("refuses a browser's opaque redirect, whose target it cannot see", async () => {
    const fake = fakeFetch((request) => {
      if (request.redirect !== "manual") return json(200, {});
      const opaque = new Response(null, { status: 200 });
      Object.defineProperty(opaque, "type", { value: "opaqueredirect" });
      return opaque;
    });
    const browserLike = createCrmClient<paths>(testVendor, { fetch: fake.fetch, maxRetries: 0 }, twoTokens);
    await expect(browserLike.GET("/companies")).rejects.toThrow(CrmKitError);
    await expect(browserLike.GET("/companies")).rejects.toThrow(
      /crm-kit \(acme\): GET \/companies was redirected, .* did not follow the redirect/,
    );
  });
});

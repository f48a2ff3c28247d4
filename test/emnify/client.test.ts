import { describe, expect, it } from "vitest";
import { CrmKitError, unwrap } from "../../src/core/index.js";
import { createEmnifyClient } from "../../src/emnify/index.js";
import { AUTH_TOKEN, fakeEmnify, json } from "./fake-emnify.js";

const CONTACTS = "/api/v1/organisation/{org_id}/contact";
const org = { params: { path: { org_id: 1234 } } };

describe("createEmnifyClient", () => {
  it("refuses a missing, empty or non-string applicationToken, naming the option", () => {
    // @ts-expect-error applicationToken is required
    expect(() => createEmnifyClient({})).toThrow(/options\.applicationToken must be a non-empty string/);
    expect(() => createEmnifyClient({ applicationToken: "" })).toThrow(/applicationToken/);
    expect(() => createEmnifyClient({ applicationToken: " \t" })).toThrow(/applicationToken/);
    // @ts-expect-error a number is not a token
    expect(() => createEmnifyClient({ applicationToken: 42 })).toThrow(/applicationToken .*got number/);
    // @ts-expect-error options are required
    expect(() => createEmnifyClient(undefined)).toThrow(/options object with an applicationToken/);
  });

  it("refuses bad transport options at construction, before any request", () => {
    const applicationToken = "app-token";
    expect(() => createEmnifyClient({ applicationToken, baseUrl: "cdn.emnify.net" })).toThrow(/baseUrl/);
    expect(() => createEmnifyClient({ applicationToken, baseUrl: "http://cdn.emnify.net" })).toThrow(/https/);
    expect(() => createEmnifyClient({ applicationToken, maxRetries: -1 })).toThrow(/maxRetries/);
    // @ts-expect-error fetch must be a function
    expect(() => createEmnifyClient({ applicationToken, fetch: "fetch" })).toThrow(/fetch/);
  });

  it("sends nothing until the first call, then exchanges the token at the production URL", async () => {
    const emnify = fakeEmnify();
    const client = createEmnifyClient({ applicationToken: "app-token", fetch: emnify.fetch });
    expect(emnify.requests).toHaveLength(0);
    await unwrap(client.GET(CONTACTS, org));
    const [exchange, call] = emnify.requests;
    expect(exchange?.url).toBe("https://cdn.emnify.net/api/v1/authenticate");
    expect(exchange?.method).toBe("POST");
    expect(exchange?.headers.has("authorization")).toBe(false);
    expect(exchange?.headers.get("content-type")).toBe("application/json");
    expect(await exchange?.json()).toEqual({ application_token: "app-token" });
    expect(call?.url).toBe("https://cdn.emnify.net/api/v1/organisation/1234/contact");
    expect(call?.headers.get("authorization")).toBe(`Bearer ${AUTH_TOKEN}`);
  });

  it("sends the headers option on the exchange and on every call", async () => {
    const emnify = fakeEmnify();
    const client = createEmnifyClient({ applicationToken: "app-token", fetch: emnify.fetch, headers: { "X-Trace": "t-1" } });
    await client.GET(CONTACTS, org);
    expect(emnify.requests.map((r) => r.headers.get("x-trace"))).toEqual(["t-1", "t-1"]);
  });

  it("sends POST /api/v1/authenticate through the client without a bearer token and without logging in first", async () => {
    const emnify = fakeEmnify();
    const client = createEmnifyClient({ applicationToken: "app-token", fetch: emnify.fetch, baseUrl: "http://127.0.0.1:9" });
    const { auth_token } = await unwrap(client.POST("/api/v1/authenticate", { body: { application_token: "other-token" } }));
    const viaOptions = client.withOptions({ timeoutMs: 1_000 });
    await unwrap(viaOptions.POST("/api/v1/authenticate", { body: { application_token: "other-token" } }));
    await unwrap(client.request("post", "/api/v1/authenticate", { body: { application_token: "other-token" } }));
    expect(auth_token).toBe(AUTH_TOKEN);
    expect(emnify.requests).toHaveLength(3);
    expect(emnify.requests.every((r) => !r.headers.has("authorization"))).toBe(true);
  });

  it("withOptions keeps the session: one exchange for calls through the base and the derived client", async () => {
    const emnify = fakeEmnify();
    const client = createEmnifyClient({ applicationToken: "app-token", fetch: emnify.fetch });
    await client.GET(CONTACTS, org);
    await client.withOptions({ maxRetries: 0 }).GET(CONTACTS, org);
    expect(emnify.exchanges()).toHaveLength(1);
    expect(emnify.calls().map((r) => r.headers.get("authorization"))).toEqual([`Bearer ${AUTH_TOKEN}`, `Bearer ${AUTH_TOKEN}`]);
  });

  it("middleware added with use() sees the exchange too", async () => {
    const emnify = fakeEmnify();
    const client = createEmnifyClient({ applicationToken: "app-token", fetch: emnify.fetch });
    const seen: string[] = [];
    client.use({ onRequest: ({ request }) => void seen.push(new URL(request.url).pathname) });
    await client.GET(CONTACTS, org);
    // The call's middleware runs before its fetch, inside which the lazy exchange happens.
    expect(seen).toEqual(["/api/v1/organisation/1234/contact", "/api/v1/authenticate"]);
  });

  it("an exchange answered without an auth_token fails with a message naming the endpoint and the baseUrl option", async () => {
    const fetch = async () => json(200, { token: "wrong-shape" });
    const client = createEmnifyClient({ applicationToken: "app-token", fetch });
    const error = await client.GET(CONTACTS, org).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmKitError);
    expect((error as Error).message).toMatch(/POST \/api\/v1\/authenticate returned 200 without an auth_token.*baseUrl/);
  });
});

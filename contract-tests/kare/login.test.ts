import { describe, expect, expectTypeOf, it } from "vitest";
import { unwrap } from "../../src/core/index.js";
import type { KareSession } from "../../src/kare/index.js";
import { recordingFetch, rejectionReport, requestViolationPaths } from "../support/mocks.js";
import { kare, kareWithLogin, SESSION_TOKEN, TOKEN } from "./calls.js";

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

describe("kare login", () => {
  it("login: 201 returns the access, refresh and session tokens", async () => {
    const { data, error, response } = await kare().POST("/auth/v1/rs/login/credentials", {
      body: { email: "user@example.com", password: "s3cret-passw0rd" },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    expect(requestViolationPaths(response)).toEqual([]);
    expectTypeOf(data!.data).toEqualTypeOf<KareSession>();
    expect(data?.data.accessToken).toMatch(JWT);
    expect(data?.data.refreshToken).toMatch(JWT);
    expect(data?.data.sessionToken).toMatch(JWT);
  });

  it("login: an email with two consecutive dots is rejected with a 400 naming email", async () => {
    const { response, error } = await kare().POST("/auth/v1/rs/login/credentials", {
      body: { email: "user..name@example.com", password: "s3cret-passw0rd" },
    });
    expect(response.status).toBe(400);
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.email: .*pattern/);
  });

  it("login: a body without password is rejected with a 400 naming password", async () => {
    // @ts-expect-error password is required by the spec, and the types say so
    const { response, error } = await kare().POST("/auth/v1/rs/login/credentials", { body: { email: "user@example.com" } });
    expect(response.status).toBe(400);
    expect(await rejectionReport(response, error)).toMatch(/required property 'password'/);
  });

  it("login: a credentials client logs in lazily on the mock, then sends both tokens", async () => {
    const { fetch: record, requests: seen } = recordingFetch();
    const client = kareWithLogin({ fetch: record });
    expect(seen).toHaveLength(0);
    const { response } = await client.GET("/companies/v2/rs");
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
    expect(seen.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      "POST /auth/v1/rs/login/credentials",
      "GET /companies/v2/rs",
    ]);
    expect(seen[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]?.headers.has("x-session-token")).toBe(false);
    expect(await seen[0]?.json()).toEqual({ email: "user@example.com", password: "s3cret-passw0rd" });
    expect(seen[1]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(seen[1]?.headers.get("x-session-token")).toBe(SESSION_TOKEN);
    await unwrap(client.GET("/companies/v2/rs"));
    expect(seen).toHaveLength(3);
  });
});

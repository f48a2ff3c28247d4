import { describe, expect, it } from "vitest";
import { AuthenticationError, unwrap } from "../../src/core/index.js";
import { recordingFetch, rejectionReport, requestViolationPaths } from "../support/mocks.js";
import { APPLICATION_TOKEN, emnify, MOCK_AUTH_TOKEN, ORG_ID } from "./calls.js";

describe("emnify authentication", () => {
  it("authenticate: 200 returns an auth_token, and the exchange is sent without a bearer token", async () => {
    const { fetch: record, requests: seen } = recordingFetch();
    const client = emnify({ fetch: record });
    const { data, error, response } = await client.POST("/api/v1/authenticate", { body: { application_token: APPLICATION_TOKEN } });
    expect(error).toBeUndefined();
    expect(requestViolationPaths(response)).toEqual([]);
    expect(data?.auth_token).toBe(MOCK_AUTH_TOKEN);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.has("authorization")).toBe(false);
    expect(await seen[0]?.json()).toEqual({ application_token: APPLICATION_TOKEN });
  });

  it("authenticate: an empty application_token is rejected with a 422 naming application_token", async () => {
    const { response, error } = await emnify().POST("/api/v1/authenticate", { body: { application_token: "" } });
    expect(response.status).toBe(422);
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.application_token: .*fewer than 1/);
  });

  it("authenticate: a body with user credentials (removed in 2024) is rejected naming the extra field", async () => {
    const { response, error } = await emnify().POST("/api/v1/authenticate", {
      // @ts-expect-error the body is closed: the point of the test is what the server says about the extra field
      body: { application_token: APPLICATION_TOKEN, username: "jane" },
    });
    expect(response.status).toBe(422);
    expect(await rejectionReport(response, error)).toMatch(/request\.body: .*additional properties; found 'username'/);
  });

  it("listContacts: the first call exchanges the application token, then sends the auth_token as a bearer token", async () => {
    const { fetch: record, requests: seen } = recordingFetch();
    const client = emnify({ fetch: record });
    await unwrap(client.GET("/api/v1/organisation/{org_id}/contact", { params: { path: { org_id: ORG_ID } } }));
    await unwrap(client.GET("/api/v1/organisation/{org_id}/contact", { params: { path: { org_id: ORG_ID } } }));
    expect(seen.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      "POST /api/v1/authenticate",
      "GET /api/v1/organisation/1234/contact",
      "GET /api/v1/organisation/1234/contact",
    ]);
    expect(seen[1]?.headers.get("authorization")).toBe(`Bearer ${MOCK_AUTH_TOKEN}`);
  });

  it("authenticate: a 401 from the exchange surfaces as AuthenticationError without the application token", async () => {
    const error = await unwrap(
      emnify().POST("/api/v1/authenticate", { body: { application_token: APPLICATION_TOKEN }, headers: { Prefer: "code=401" } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).code).toBe("InvalidCredentials");
    expect(JSON.stringify(error) + String(error) + (error as Error).stack).not.toContain(APPLICATION_TOKEN);
  });
});

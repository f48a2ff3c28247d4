/**
 * What the live emnify API answers beyond its docs, as recorded in emnify/emnify-sdk-python's VCR cassettes
 * (commit b9bdad6c6ade871da06a8a93200793589e141572), reproduced by the sandbox.
 */
import { describe, expect, it } from "vitest";
import { BadRequestError, unwrap } from "../../src/core/index.js";
import { createEmnifyClient } from "../../src/emnify/index.js";
import { createSandbox } from "../../src/sandbox/index.js";

const CONTACT_URL = "http://x/api/v1/organisation/1234/contact";

async function authToken(sandbox: ReturnType<typeof createSandbox>): Promise<string> {
  const response = await sandbox.fetch("http://x/api/v1/authenticate", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ application_token: "app-token-sandbox" }),
  });
  return ((await response.json()) as { auth_token: string }).auth_token;
}

describe("emnify sandbox: the answers recorded from the live API", () => {
  it("a bearer token that is not a JWT gets the gateway's message-only 401, which the spec accepts", async () => {
    const sandbox = createSandbox("emnify", { validateResponses: true });
    const response = await sandbox.fetch(CONTACT_URL, { headers: { authorization: "Bearer not-a-jwt" } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "token contains an invalid number of segments" });
    // A JWT-shaped token the sandbox never issued keeps the documented 1102 InvalidToken.
    const unknown = await sandbox.fetch(CONTACT_URL, { headers: { authorization: "Bearer a.b.c" } });
    expect(await unknown.json()).toMatchObject({ error_code: 1102, error_token: "InvalidToken" });
  });

  it("a contact id that is not a number is a 400 BadRequest (1000) naming the parameter, on every contact operation", async () => {
    const sandbox = createSandbox("emnify", { validateResponses: true });
    const token = await authToken(sandbox);
    for (const method of ["GET", "PATCH", "DELETE"]) {
      const response = await sandbox.fetch(`${CONTACT_URL}/None`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        ...(method === "PATCH" ? { body: "{}" } : {}),
      });
      expect(response.status, method).toBe(400);
      const body = (await response.json()) as { error_code: number; error_token: string; message: string };
      expect(body).toMatchObject({ error_code: 1000, error_token: "BadRequest" });
      expect(body.message).toMatch(/^Cannot parse parameter contact_id as Long/);
    }
  });

  it("the client maps the 400 to BadRequestError with code BadRequest and the vendor's message", async () => {
    const sandbox = createSandbox("emnify");
    const emnify = createEmnifyClient({ applicationToken: "app-token-sandbox", fetch: sandbox.fetch, maxRetries: 0 });
    const parse = await unwrap(
      emnify.GET("/api/v1/organisation/{org_id}/contact/{contact_id}", { params: { path: { org_id: 1234, contact_id: "None" } } }),
    ).catch((error: unknown) => error);
    expect(parse).toBeInstanceOf(BadRequestError);
    expect((parse as BadRequestError).code).toBe("BadRequest");
    expect((parse as BadRequestError).message).toContain("Cannot parse parameter contact_id");
  });
});

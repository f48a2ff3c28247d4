/** `sandbox.calls`: each answered call in order, what was sent with its credentials redacted, cleared by reset(). */
import { describe, expect, it } from "vitest";
import { createCallLog, MAX_RECORDED_CALLS } from "../../src/sandbox/call-log.js";
import { createSandbox } from "../../src/sandbox/index.js";

const json = { authorization: "Bearer sk_test_calls_key", "content-type": "application/json" };

describe("sandbox.calls", () => {
  it("lists each call in order with method, path, query, operationId, status, body and the sandbox's clock", async () => {
    let now = 1_000;
    const sandbox = createSandbox("featurebase", { now: () => now });
    await sandbox.fetch("http://x/v2/companies", { method: "POST", headers: json, body: JSON.stringify({ companyId: "c1", name: "C1" }) });
    now = 2_000;
    await sandbox.fetch("/v2/companies?limit=1", { headers: json });
    await sandbox.fetch("http://x/v2/widgets", { method: "DELETE", headers: json });
    await sandbox.fetch("http://x/v2/companies", { method: "POST", headers: json, body: JSON.stringify({ name: "no id" }) });
    expect(sandbox.calls).toEqual([
      {
        method: "POST",
        path: "/v2/companies",
        query: "",
        operationId: "upsertCompany",
        status: 200,
        requestBody: { companyId: "c1", name: "C1" },
        at: 1_000,
      },
      {
        method: "GET",
        path: "/v2/companies",
        query: "limit=1",
        operationId: "listCompanies",
        status: 200,
        requestBody: undefined,
        at: 2_000,
      },
      { method: "DELETE", path: "/v2/widgets", query: "", operationId: undefined, status: 404, requestBody: undefined, at: 2_000 },
      {
        method: "POST",
        path: "/v2/companies",
        query: "",
        operationId: "upsertCompany",
        status: 400,
        requestBody: { name: "no id" },
        at: 2_000,
      },
    ]);
  });

  it("is a copy, frozen record by record; reset() clears it", async () => {
    const sandbox = createSandbox("folk");
    await sandbox.fetch("/v1/companies", { headers: json });
    const seen = sandbox.calls;
    await sandbox.fetch("/v1/companies", { headers: json });
    expect(seen).toHaveLength(1);
    expect(Object.isFrozen(seen[0])).toBe(true);
    sandbox.reset();
    expect(sandbox.calls).toEqual([]);
  });

  it("records an injected failure with the status it answered", async () => {
    const sandbox = createSandbox("folk");
    sandbox.failNext(1, { status: 503 });
    await sandbox.fetch("/v1/companies", { headers: json });
    expect(sandbox.calls.map((c) => [c.operationId, c.status])).toEqual([["listCompanies", 503]]);
  });

  it("redacts credentials in bodies: emnify's application token, Kare's password, and any echo of a secret header", async () => {
    const emnify = createSandbox("emnify");
    await emnify.fetch("/api/v1/authenticate", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ application_token: "app-token-secret-123" }),
    });
    expect(emnify.calls[0]?.requestBody).toEqual({ application_token: "[REDACTED]" });

    const kare = createSandbox("kare");
    const login = { email: "qa@example.com", password: "pa55word-secret", note: "my password is pa55word-secret" };
    await kare.fetch("/auth/v1/rs/login/credentials", { method: "POST", headers: json, body: JSON.stringify(login) });
    expect(kare.calls[0]?.requestBody).toEqual({ email: "qa@example.com", password: "[REDACTED]", note: "my password is [REDACTED]" });

    const featurebase = createSandbox("featurebase");
    const echo = { companyId: "c1", name: "C1", customFields: { copied: "sk_test_calls_key" } };
    await featurebase.fetch("/v2/companies", { method: "POST", headers: json, body: JSON.stringify(echo) });
    expect(featurebase.calls[0]?.requestBody).toEqual({ ...echo, customFields: { copied: "[REDACTED]" } });
    expect(JSON.stringify([emnify.calls, kare.calls, featurebase.calls])).not.toMatch(
      /app-token-secret-123|pa55word-secret|sk_test_calls_key/,
    );
  });

  it("redacts a body that was refused for its media type, read as JSON or as a form", async () => {
    const kare = createSandbox("kare");
    const asText = { ...json, "content-type": "text/plain" };
    await kare.fetch("/auth/v1/rs/login/credentials", {
      method: "POST",
      headers: asText,
      body: '{"email":"a@b.co","password":"pa55word-secret"}',
    });
    await kare.fetch("/auth/v1/rs/login/credentials", { method: "POST", headers: asText, body: "email=a%40b.co&password=pa55word-secret" });
    expect(kare.calls.map((c) => c.status)).toEqual([400, 400]);
    expect(kare.calls[0]?.requestBody).toBe('{"email":"a@b.co","password":"[REDACTED]"}');
    expect(kare.calls[1]?.requestBody).toBe("email=a%40b.co&password=[REDACTED]");
  });

  it(`keeps the last ${MAX_RECORDED_CALLS.toLocaleString("en")} calls`, () => {
    const log = createCallLog(() => 0);
    const headers = {};
    for (let i = 0; i < 2 * MAX_RECORDED_CALLS + 5; i += 1)
      log.record({
        method: "GET",
        url: new URL(`http://x/v1/n/${i}`),
        target: "",
        operationId: undefined,
        status: 404,
        headers,
        body: undefined,
      });
    const { calls } = log;
    expect(calls).toHaveLength(MAX_RECORDED_CALLS);
    expect(calls[0]?.path).toBe(`/v1/n/${MAX_RECORDED_CALLS + 5}`);
    expect(calls.at(-1)?.path).toBe(`/v1/n/${2 * MAX_RECORDED_CALLS + 4}`);
  });
});

/** Sessions and raw calls on a sandbox of each API, and the vendor's error envelope, for the hardening tests. */
import { expect } from "vitest";
import { createSandbox, type Sandbox, type SandboxApi } from "../../../src/sandbox/index.js";

export const APIS: SandboxApi[] = ["featurebase", "folk", "emnify", "kare"];

/** A read every sandbox answers 200 to with the seed data, once its session headers are sent. */
export const HEALTHY_READ: Record<SandboxApi, string> = {
  featurebase: "/v2/companies",
  folk: "/v1/companies",
  emnify: "/api/v1/organisation/1234/contact",
  kare: "/companies/v2/rs/42/contacts",
};

/** A sandbox and the headers of a logged-in caller (emnify's auth_token, Kare's session). */
export async function session(api: SandboxApi): Promise<{ sandbox: Sandbox; headers: Record<string, string> }> {
  const sandbox = createSandbox(api, { validateResponses: true });
  const headers: Record<string, string> = { authorization: "Bearer sandbox_test_key", "content-type": "application/json" };
  if (api === "emnify") {
    const answer = await post(sandbox, "/api/v1/authenticate", { application_token: "test-application-token" }, headers);
    headers.authorization = `Bearer ${(answer.body as { auth_token: string }).auth_token}`;
  }
  if (api === "kare") {
    const answer = await post(sandbox, "/auth/v1/rs/login/credentials", { email: "qa@example.com", password: "test-password" }, headers);
    headers["x-session-token"] = (answer.body as { data: { sessionToken: string } }).data.sessionToken;
  }
  return { sandbox, headers };
}

/** Sends `body` as JSON text (so that a `__proto__` key reaches the sandbox as sent) and reads the answer. */
export async function post(sandbox: Sandbox, path: string, body: unknown, headers: Record<string, string>, method = "POST") {
  return call(sandbox, path, { method, headers, body: typeof body === "string" ? body : JSON.stringify(body) });
}

export async function call(sandbox: Sandbox, path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const response = await sandbox.fetch(path, init);
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** Asserts that `body` is an error in the vendor's own envelope for `status`. */
export function expectVendorError(api: SandboxApi, status: number, body: unknown): void {
  if (api === "featurebase") expect(body).toMatchObject({ error: { type: expect.any(String), code: expect.any(String), status } });
  else if (api === "folk")
    expect(body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String), requestId: expect.any(String) } });
  else if (api === "emnify")
    expect(body).toMatchObject({ error_code: expect.any(Number), error_token: expect.any(String), message: expect.any(String) });
  else expect(body).toEqual({ message: expect.any(String) });
}

/** The message of a vendor error body, whatever its envelope. */
export function messageOf(body: unknown): string {
  const value = body as { error?: { message?: string }; message?: string; errors?: Array<{ message: string }> };
  return [value.error?.message, value.message, ...(value.errors ?? []).map((e) => e.message)].filter(Boolean).join(" | ");
}

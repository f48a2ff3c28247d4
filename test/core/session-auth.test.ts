import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { AuthenticationError, createCrmClient, type LogEvent, sessionAuth, unwrap } from "../../src/core/index.js";
import type { paths } from "./fixtures/paths.js";
import { testVendor } from "./fixtures/vendor.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";

const PASSWORD = "correct-horse-battery";

/** A login API: each login issues token "tok-<n>"; requests carrying a revoked or unknown token get 401. */
function sessionApi(options: { loginDelayMs?: number; valid?: (token: string) => boolean } = {}) {
  let issued = 0;
  let current: string | undefined;
  const login = vi.fn(async () => {
    await new Promise((resolve) => setTimeout(resolve, options.loginDelayMs ?? 0));
    issued += 1;
    current = `tok-${issued}-${"x".repeat(12)}`;
    return { token: current };
  });
  const valid = options.valid ?? ((token: string) => token === current);
  const fake = fakeFetch((request) => {
    const token = request.headers.get("x-session-token") ?? "";
    if (!valid(token))
      return json(401, { error: { code: "invalid_session", message: `session ${token} expired` } }, { "x-echo-token": token });
    return json(200, { id: "c1", name: "Acme" });
  });
  const auth = sessionAuth<{ token: string }>({
    login,
    apply: (session, headers) => headers.set("X-Session-Token", session.token),
    secrets: (session) => (session ? [session.token, PASSWORD] : [PASSWORD]),
  });
  const events: LogEvent[] = [];
  const client = createCrmClient<paths>(testVendor, { fetch: fake.fetch, maxRetries: 0, logger: (e) => events.push(e) }, auth);
  const get = () => unwrap(client.GET("/companies/{id}", { params: { path: { id: "c1" } } }));
  return { login, fake, auth, client, get, events, revoke: () => (current = undefined) };
}

describe("sessionAuth", () => {
  it("logs in lazily, on the first request, not at construction", async () => {
    const api = sessionApi();
    expect(api.login).not.toHaveBeenCalled();
    await api.get();
    expect(api.login).toHaveBeenCalledTimes(1);
    expect(api.fake.requests[0]?.headers.get("x-session-token")).toMatch(/^tok-1-/);
  });

  it("logs in once for 10 concurrent calls", async () => {
    const api = sessionApi({ loginDelayMs: 20 });
    const results = await Promise.all(Array.from({ length: 10 }, () => api.get()));
    expect(results).toHaveLength(10);
    expect(api.login).toHaveBeenCalledTimes(1);
    expect(new Set(api.fake.requests.map((r) => r.headers.get("x-session-token"))).size).toBe(1);
  });

  it("uses an initial session without logging in", async () => {
    const login = vi.fn(async () => "fresh");
    const auth = sessionAuth<string>({
      login,
      apply: (t, h) => h.set("Authorization", `Bearer ${t}`),
      secrets: (t) => (t ? [t] : []),
      initial: "ready",
    });
    const fake = fakeFetch(() => json(200, {}));
    await createCrmClient<paths>(testVendor, { fetch: fake.fetch }, auth).GET("/companies");
    expect(login).not.toHaveBeenCalled();
    expect(fake.requests[0]?.headers.get("authorization")).toBe("Bearer ready");
  });

  it("renews once on a 401 and re-sends the request, without counting a retry", async () => {
    const api = sessionApi();
    await api.get();
    api.revoke();
    await expect(api.get()).resolves.toMatchObject({ id: "c1" });
    expect(api.login).toHaveBeenCalledTimes(2);
    expect(api.fake.requests.map((r) => r.headers.get("x-session-token")?.slice(0, 5))).toEqual(["tok-1", "tok-1", "tok-2"]);
    expect(api.events.filter((e) => e.type === "renew")).toHaveLength(1);
  });

  it("surfaces a second 401 as AuthenticationError instead of logging in again", async () => {
    const api = sessionApi({ valid: () => false });
    await expect(api.get()).rejects.toThrow(AuthenticationError);
    expect(api.login).toHaveBeenCalledTimes(2); // the lazy login, then one renewal
    expect(api.fake.requests).toHaveLength(2);
  });

  it("shares one renewal among concurrent calls that all hit 401", async () => {
    const api = sessionApi({ loginDelayMs: 10 });
    await api.get();
    api.revoke();
    await Promise.all(Array.from({ length: 10 }, () => api.get()));
    expect(api.login).toHaveBeenCalledTimes(2);
  });

  it("surfaces a failed login and logs in again on the next call", async () => {
    const login = vi.fn().mockRejectedValueOnce(new Error("login refused")).mockResolvedValueOnce("t2");
    const auth = sessionAuth<string>({ login, apply: (t, h) => h.set("Authorization", `Bearer ${t}`), secrets: (t) => (t ? [t] : []) });
    const fake = fakeFetch(() => json(200, {}));
    const client = createCrmClient<paths>(testVendor, { fetch: fake.fetch }, auth);
    await expect(client.GET("/companies")).rejects.toThrow("login refused");
    await expect(client.GET("/companies")).resolves.toMatchObject({ data: {} });
    expect(login).toHaveBeenCalledTimes(2);
    expect(fake.requests).toHaveLength(1);
  });

  it("invalidate() forces a fresh login on the next request", async () => {
    const api = sessionApi();
    await api.get();
    api.auth.invalidate();
    await api.get();
    expect(api.login).toHaveBeenCalledTimes(2);
    expect(api.fake.requests).toHaveLength(2);
  });

  it("keeps tokens and the password out of thrown errors and log events, old tokens included", async () => {
    const api = sessionApi({ valid: () => false });
    const error = (await api.get().then(
      () => undefined,
      (e: unknown) => e,
    )) as Error;
    expect(error).toBeInstanceOf(AuthenticationError);
    const everything = [error.message, error.stack, String(error), JSON.stringify(error), inspect(error), JSON.stringify(api.events)].join(
      "\n",
    );
    expect(everything).not.toMatch(/tok-\d/);
    expect(everything).not.toContain(PASSWORD);
    expect(api.auth.secrets()).toEqual(
      expect.arrayContaining([PASSWORD, expect.stringMatching(/^tok-1-/), expect.stringMatching(/^tok-2-/)]),
    );
    const request = api.events.find((e) => e.type === "request");
    expect(request).toMatchObject({ headers: { "x-session-token": "[REDACTED]" } });
  });
});

import type { ServerResponse } from "node:http";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AuthenticationError, type LogEvent, TimeoutError, unwrap } from "../../src/core/index.js";
import { createCrmClient, type LoginOperation, sessionAuth } from "../../src/core/vendor-kit.js";
import type { paths } from "./fixtures/paths.js";
import { testVendor } from "./fixtures/vendor.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";
import { type FaultServer, respondLater, sendJson, startFaultServer } from "./helpers/fault-server.js";
import { timed } from "./helpers/timed.js";

const PASSWORD = "correct-horse-battery";

/** The test API's login operation: POST /login answers `{ token }`. */
function loginOperation<T = string>(read: (data: unknown) => T = (data) => (data as { token: T }).token): LoginOperation<T> {
  return { method: "POST", path: "/login", body: { password: PASSWORD }, read };
}

const isLoginRequest = (request: Request): boolean => new URL(request.url).pathname === "/login";

/** A login API: each login issues token "tok-<n>"; requests carrying a revoked or unknown token get 401. */
function sessionApi(options: { loginDelayMs?: number; valid?: (token: string) => boolean } = {}) {
  let issued = 0;
  let current: string | undefined;
  /** Called once per login request the API receives. */
  const login = vi.fn();
  const valid = options.valid ?? ((token: string) => token === current);
  const fake = fakeFetch(async (request) => {
    if (isLoginRequest(request)) {
      login();
      await new Promise((resolve) => setTimeout(resolve, options.loginDelayMs ?? 0));
      issued += 1;
      current = `tok-${issued}-${"x".repeat(12)}`;
      return json(200, { token: current });
    }
    const token = request.headers.get("x-session-token") ?? "";
    if (!valid(token))
      return json(401, { error: { code: "invalid_session", message: `session ${token} expired` } }, { "x-echo-token": token });
    return json(200, { id: "c1", name: "Acme" });
  });
  const auth = sessionAuth<{ token: string }>({
    login: loginOperation((data) => data as { token: string }),
    apply: (session, headers) => headers.set("X-Session-Token", session.token),
    secrets: (session) => (session ? [session.token, PASSWORD] : [PASSWORD]),
  });
  const events: LogEvent[] = [];
  const client = createCrmClient<paths>(testVendor, { fetch: fake.fetch, maxRetries: 0, logger: (e) => events.push(e) }, auth);
  const get = () => unwrap(client.GET("/companies/{id}", { params: { path: { id: "c1" } } }));
  /** The requests other than logins. */
  const dataRequests = () => fake.requests.filter((request) => !isLoginRequest(request));
  return { login, fake, dataRequests, auth, client, get, events, revoke: () => (current = undefined) };
}

describe("sessionAuth", () => {
  it("logs in lazily, on the first request, not at construction", async () => {
    const api = sessionApi();
    expect(api.login).not.toHaveBeenCalled();
    await api.get();
    expect(api.login).toHaveBeenCalledTimes(1);
    expect(api.dataRequests()[0]?.headers.get("x-session-token")).toMatch(/^tok-1-/);
  });

  it("logs in once for 10 concurrent calls", async () => {
    const api = sessionApi({ loginDelayMs: 20 });
    const results = await Promise.all(Array.from({ length: 10 }, () => api.get()));
    expect(results).toHaveLength(10);
    expect(api.login).toHaveBeenCalledTimes(1);
    expect(new Set(api.dataRequests().map((r) => r.headers.get("x-session-token"))).size).toBe(1);
  });

  it("uses an initial session without logging in", async () => {
    const auth = sessionAuth<string>({
      login: loginOperation(),
      apply: (t, h) => h.set("Authorization", `Bearer ${t}`),
      secrets: (t) => (t ? [t] : []),
      initial: "ready",
    });
    const fake = fakeFetch((request) => json(200, isLoginRequest(request) ? { token: "fresh-token" } : {}));
    await createCrmClient<paths>(testVendor, { fetch: fake.fetch }, auth).GET("/companies");
    expect(fake.requests.filter(isLoginRequest)).toHaveLength(0);
    expect(fake.requests[0]?.headers.get("authorization")).toBe("Bearer ready");
  });

  it("renews once on a 401 and re-sends the request, without counting a retry", async () => {
    const api = sessionApi();
    await api.get();
    api.revoke();
    await expect(api.get()).resolves.toMatchObject({ id: "c1" });
    expect(api.login).toHaveBeenCalledTimes(2);
    expect(api.dataRequests().map((r) => r.headers.get("x-session-token")?.slice(0, 5))).toEqual(["tok-1", "tok-1", "tok-2"]);
    expect(api.events.filter((e) => e.type === "renew")).toHaveLength(1);
  });

  it("surfaces a second 401 as AuthenticationError instead of logging in again", async () => {
    const api = sessionApi({ valid: () => false });
    await expect(api.get()).rejects.toThrow(AuthenticationError);
    expect(api.login).toHaveBeenCalledTimes(2); // the lazy login, then one renewal
    expect(api.dataRequests()).toHaveLength(2);
  });

  it("shares one renewal among concurrent calls that all hit 401", async () => {
    const api = sessionApi({ loginDelayMs: 10 });
    await api.get();
    api.revoke();
    await Promise.all(Array.from({ length: 10 }, () => api.get()));
    expect(api.login).toHaveBeenCalledTimes(2);
  });

  it("surfaces a failed login and logs in again on the next call", async () => {
    const auth = sessionAuth<string>({
      login: loginOperation(),
      apply: (t, h) => h.set("Authorization", `Bearer ${t}`),
      secrets: (t) => (t ? [t] : []),
    });
    let logins = 0;
    const fake = fakeFetch((request) => {
      if (!isLoginRequest(request)) return json(200, {});
      logins += 1;
      return logins === 1 ? json(403, { error: { message: "login refused" } }) : json(200, { token: "t2-session-token" });
    });
    const client = createCrmClient<paths>(testVendor, { fetch: fake.fetch }, auth);
    await expect(client.GET("/companies")).rejects.toThrow("login refused");
    await expect(client.GET("/companies")).resolves.toMatchObject({ data: {} });
    expect(logins).toBe(2);
    expect(fake.requests.filter((request) => !isLoginRequest(request))).toHaveLength(1);
  });

  it("invalidate() forces a fresh login on the next request", async () => {
    const api = sessionApi();
    await api.get();
    api.auth.invalidate();
    await api.get();
    expect(api.login).toHaveBeenCalledTimes(2);
    expect(api.dataRequests()).toHaveLength(2);
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
    const request = api.events.find((e) => e.type === "request" && !e.url.endsWith("/login"));
    expect(request).toMatchObject({ headers: { "x-session-token": "[REDACTED]" } });
  });
});

describe("sessionAuth: secrets of replaced sessions", () => {
  it("keeps the secrets of the last 16 replaced sessions redacted, and forgets older ones", async () => {
    let logins = 0;
    const auth = sessionAuth<string>({
      login: loginOperation(),
      apply: (t, h) => h.set("Authorization", `Bearer ${t}`),
      secrets: (t) => (t ? [t, PASSWORD] : [PASSWORD]),
    });
    createCrmClient<paths>(testVendor, { fetch: fakeFetch(() => json(200, { token: `tok-${++logins}-${"x".repeat(12)}` })).fetch }, auth);
    for (let round = 0; round < 20; round += 1) {
      await auth.authorize(new Headers());
      auth.invalidate();
    }
    await auth.authorize(new Headers());
    const token = (n: number): string => `tok-${n}-${"x".repeat(12)}`;
    // tok-21 is current; tok-5 … tok-20 are the 16 newest replaced ones.
    expect(new Set(auth.secrets())).toEqual(new Set([PASSWORD, ...Array.from({ length: 17 }, (_, i) => token(21 - i))]));
    expect(auth.secrets()).not.toContain(token(4));
  });
});

describe("sessionAuth: a slow login and the waiting call's signal and timeout", () => {
  // Far beyond every bound below, which leave seconds of margin for a machine 3× slower under load.
  const LOGIN_MS = 20_000;
  let server: FaultServer;
  let logins = 0;

  beforeAll(async () => {
    server = await startFaultServer();
  });
  afterAll(() => server.close());

  /** A local API whose POST /login answers after `loginMs`; other paths accept only the token of the latest login. */
  function slowLoginApi(loginMs: number, initial?: string) {
    // Login requests of this test the client abandoned before the answer (an earlier test's may close later).
    let abandoned = 0;
    server.reset((req, res: ServerResponse) => {
      if (req.url === "/login") {
        res.on("close", () => {
          if (!res.writableEnded) abandoned += 1;
        });
        respondLater(res, loginMs, () => sendJson(res, 200, { token: `tok-${++logins}` }));
        return;
      }
      const valid = req.headers.authorization === `Bearer tok-${logins}`;
      sendJson(res, valid ? 200 : 401, valid ? { id: "c1", name: "Acme" } : { error: { message: "expired" } });
    });
    logins = 0;
    const auth = sessionAuth<string>({
      login: loginOperation(),
      apply: (token, headers) => headers.set("Authorization", `Bearer ${token}`),
      secrets: (token) => (token ? [token] : []),
      initial,
    });
    const client = createCrmClient<paths>(testVendor, { baseUrl: server.url, maxRetries: 2, retry: { baseDelayMs: 1 } }, auth);
    const dataRequests = () => server.seen.filter((r) => r.url !== "/login").length;
    /** Login requests sent, answered or not. */
    const loginRequests = () => server.seen.filter((r) => r.url === "/login").length;
    return { auth, client, dataRequests, loginRequests, abandoned: () => abandoned };
  }

  it("rejects with the caller's abort reason as soon as it aborts, without retrying, and aborts the login it alone waited for", async () => {
    const api = slowLoginApi(LOGIN_MS);
    const reason = new Error("the user closed the page");
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 100);
    const { ms, error } = await timed(api.client.GET("/companies", { signal: controller.signal }));
    expect(error).toBe(reason);
    expect(ms).toBeLessThan(3_000);
    expect(api.dataRequests()).toBe(0);
    // The one login, abandoned by the client: its request was aborted rather than left to run.
    await vi.waitFor(() => expect(api.abandoned()).toBe(1), { timeout: 10_000 });
    expect(api.loginRequests()).toBe(1);
  });

  it("gives up after the call's own timeoutMs with TimeoutError, even when the caller's signal is later", async () => {
    const api = slowLoginApi(LOGIN_MS);
    const { ms, error } = await timed(
      api.client.withOptions({ timeoutMs: 200, maxRetries: 0 }).GET("/companies", { signal: AbortSignal.timeout(10_000) }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 200, attempt: 1, method: "GET" });
    expect(ms).toBeLessThan(3_000);
    expect(api.dataRequests()).toBe(0);
  });

  it("keeps the login of a call that timed out waiting, so its retry reuses it instead of starting another", async () => {
    const api = slowLoginApi(300);
    const company = await unwrap(api.client.withOptions({ timeoutMs: 200, maxRetries: 3, retry: { baseDelayMs: 1 } }).GET("/companies"));
    expect(company).toEqual({ id: "c1", name: "Acme" });
    expect(api.loginRequests()).toBe(1);
    expect(api.abandoned()).toBe(0);
  });

  it("retries a POST that timed out waiting for the login, since the request was never sent", async () => {
    const api = slowLoginApi(300);
    const result = await api.client.withOptions({ timeoutMs: 200, maxRetries: 3, retry: { baseDelayMs: 1 } }).POST("/companies", {
      body: { name: "Acme" },
    });
    expect(result.response.status).toBe(200);
    expect(api.loginRequests()).toBe(1);
    expect(api.dataRequests()).toBe(1);
  });

  it("rejects with the signal's reason when the signal fires before the call's timeout (100 ms signal, 200 ms timeout)", async () => {
    const api = slowLoginApi(LOGIN_MS);
    const signal = AbortSignal.timeout(100);
    const { ms, error } = await timed(api.client.withOptions({ timeoutMs: 200 }).GET("/companies", { signal }));
    expect(error).toBe(signal.reason);
    expect(ms).toBeLessThan(3_000);
  });

  it("keeps the login running for the calls still waiting when one of them gives up", async () => {
    const api = slowLoginApi(300);
    const controller = new AbortController();
    const leaving = api.client.GET("/companies", { signal: controller.signal });
    const staying = unwrap(api.client.GET("/companies"));
    setTimeout(() => controller.abort(new Error("gave up")), 50);
    await expect(leaving).rejects.toThrow("gave up");
    await expect(staying).resolves.toEqual({ id: "c1", name: "Acme" });
    expect(logins).toBe(1);
    expect(api.abandoned()).toBe(0);
  });

  it("starts a fresh login for the next call after every waiting call gave up", async () => {
    const api = slowLoginApi(400);
    // 150 ms leaves the first login request time to reach the server even on a loaded machine.
    await expect(api.client.GET("/companies", { signal: AbortSignal.timeout(150) })).rejects.toMatchObject({ name: "TimeoutError" });
    await expect(unwrap(api.client.GET("/companies"))).resolves.toEqual({ id: "c1", name: "Acme" });
    expect(api.loginRequests()).toBe(2);
  });

  it("bounds the wait for a renewal after a 401 by the call's timeout and signal too", async () => {
    const api = slowLoginApi(LOGIN_MS, "tok-stale");
    const late = await timed(api.client.withOptions({ timeoutMs: 200 }).GET("/companies"));
    expect(late.error).toBeInstanceOf(TimeoutError);
    expect(late.ms).toBeLessThan(3_000);

    const reason = new Error("stop");
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 100);
    const aborted = await timed(api.client.GET("/companies", { signal: controller.signal }));
    expect(aborted.error).toBe(reason);
    expect(aborted.ms).toBeLessThan(3_000);
  });
});

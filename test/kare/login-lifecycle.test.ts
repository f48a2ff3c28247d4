import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthenticationError, CrmKitError, type LogEvent, TimeoutError, unwrap } from "../../src/core/index.js";
import { createKareClient } from "../../src/kare/index.js";
import { timed } from "../core/helpers/timed.js";
import { EMAIL, type FakeKare, ORG_TOKEN, PASSWORD, startFakeKare } from "./fake-kare-server.js";

let server: FakeKare;
beforeAll(async () => {
  server = await startFakeKare();
});
afterAll(() => server.close());
beforeEach(() => {
  server.expireSessions();
  server.issued.length = 0;
  server.log.length = 0;
  server.rejectEverySession = false;
  server.loginWithoutSession = false;
  server.loginDelayMs = 20;
});

function withLogin(password = PASSWORD, logger?: (event: LogEvent) => void) {
  return createKareClient({ token: ORG_TOKEN, email: EMAIL, password, baseUrl: server.url, maxRetries: 0, logger });
}

const listCompanies = (client: ReturnType<typeof withLogin>) => unwrap(client.GET("/companies/v2/rs"));

/** Everything a user or a log pipeline could see of an error. */
function exposed(error: unknown): string {
  const e = error as Error;
  return [e.message, e.stack, JSON.stringify(error), inspect(error, { depth: 5 }), JSON.stringify({ ...e })].join("\n");
}

describe("kare login lifecycle", () => {
  it("logs in lazily on the first call, then reuses the session", async () => {
    const client = withLogin();
    await new Promise((done) => setTimeout(done, 10));
    expect(server.log).toEqual([]);
    await listCompanies(client);
    await listCompanies(client);
    expect(server.log).toEqual(["POST /auth/v1/rs/login/credentials 201", "GET /companies/v2/rs 200", "GET /companies/v2/rs 200"]);
  });

  it("logs in again once after a 401 and re-sends the call with the new session", async () => {
    const client = withLogin();
    await listCompanies(client);
    server.expireSessions();
    const page = await listCompanies(client);
    expect(page.totalCount).toBe(1);
    expect(server.log.slice(2)).toEqual(["GET /companies/v2/rs 401", "POST /auth/v1/rs/login/credentials 201", "GET /companies/v2/rs 200"]);
    expect(server.logins()).toBe(2);
  });

  it("surfaces a second 401 in a row as AuthenticationError after exactly one re-login", async () => {
    const client = withLogin();
    await listCompanies(client);
    server.rejectEverySession = true;
    await expect(listCompanies(client)).rejects.toBeInstanceOf(AuthenticationError);
    expect(server.log.slice(2)).toEqual(["GET /companies/v2/rs 401", "POST /auth/v1/rs/login/credentials 201", "GET /companies/v2/rs 401"]);
  });

  it("shares one login between 10 concurrent first calls", async () => {
    const client = withLogin();
    const pages = await Promise.all(Array.from({ length: 10 }, () => listCompanies(client)));
    expect(pages).toHaveLength(10);
    expect(server.logins()).toBe(1);
  });

  it("shares one re-login between 10 concurrent calls that all got a 401", async () => {
    const client = withLogin();
    await listCompanies(client);
    server.expireSessions();
    await Promise.all(Array.from({ length: 10 }, () => listCompanies(client)));
    expect(server.logins()).toBe(2);
    expect(server.log.filter((line) => line === "GET /companies/v2/rs 200")).toHaveLength(11);
  });

  it("lets a 401 surface without any login when the client was given ready tokens", async () => {
    const client = createKareClient({ token: ORG_TOKEN, sessionToken: "session-stale-0", baseUrl: server.url, maxRetries: 0 });
    await expect(listCompanies(client)).rejects.toBeInstanceOf(AuthenticationError);
    expect(server.log).toEqual(["GET /companies/v2/rs 401"]);
  });

  it("rejects the call with the login's AuthenticationError when the password is wrong, and shows neither password nor token", async () => {
    const wrong = "wrong-password-91c";
    const error = await listCompanies(withLogin(wrong)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).toMatch(/POST \/auth\/v1\/rs\/login\/credentials returned 401/);
    expect((error as AuthenticationError).message).toContain(EMAIL);
    const seen = exposed(error);
    expect(seen).toContain("[REDACTED]");
    for (const secret of [wrong, ORG_TOKEN]) expect(seen).not.toContain(secret);
    expect(server.log).toEqual(["POST /auth/v1/rs/login/credentials 401"]);
  });

  it("redacts the password and every token, old sessions included, from errors and log events", async () => {
    const events: LogEvent[] = [];
    const client = withLogin(PASSWORD, (event) => events.push(event));
    await listCompanies(client);
    server.rejectEverySession = true;
    const error = await listCompanies(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    const seen = `${exposed(error)}\n${JSON.stringify(events)}`;
    expect(seen).toContain("Session [REDACTED] is expired");
    const secrets = [PASSWORD, ORG_TOKEN, ...server.issued, "access-1-a9e2", "refresh-1-b7c4", "access-2-a9e2", "refresh-2-b7c4"];
    for (const secret of secrets) expect(seen).not.toContain(secret);
    expect(events.some((event) => event.type === "request" && event.headers["x-session-token"] === "[REDACTED]")).toBe(true);
    expect(events.some((event) => event.type === "renew")).toBe(true);
  });

  it("fails with a CrmKitError when login answers without a session token", async () => {
    server.loginWithoutSession = true;
    const error = await listCompanies(withLogin()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmKitError);
    expect((error as Error).message).toMatch(/without a data\.sessionToken/);
    expect(server.log).toEqual(["POST /auth/v1/rs/login/credentials 201"]);
  });
});

describe("kare: a slow login and the waiting call's signal and timeout", () => {
  it("rejects with the caller's abort reason as soon as it aborts, and never sends the call", async () => {
    server.loginDelayMs = 20_000;
    const reason = new Error("request cancelled");
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 100);
    const { ms, error } = await timed(withLogin().GET("/companies/v2/rs", { signal: controller.signal }));
    expect(error).toBe(reason);
    expect(ms).toBeLessThan(3_000);
    expect(server.log).toEqual([]);
  });

  it("stops waiting with TimeoutError after the call's withOptions timeoutMs, or earlier when its signal fires", async () => {
    server.loginDelayMs = 20_000;
    const late = await timed(withLogin().withOptions({ timeoutMs: 200 }).GET("/companies/v2/rs"));
    expect(late.error).toBeInstanceOf(TimeoutError);
    expect(late.error).toMatchObject({ timeoutMs: 200, method: "GET" });
    expect(late.ms).toBeLessThan(3_000);

    const signal = AbortSignal.timeout(100);
    const aborted = await timed(withLogin().withOptions({ timeoutMs: 200 }).GET("/companies/v2/rs", { signal }));
    expect(aborted.error).toBe(signal.reason);
    expect(aborted.ms).toBeLessThan(3_000);
    expect(server.log).toEqual([]);
  });
});

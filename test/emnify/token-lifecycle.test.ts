import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthenticationError, InternalServerError, type LogEvent, TimeoutError, unwrap } from "../../src/core/index.js";
import { createEmnifyClient, type EmnifyClientOptions } from "../../src/emnify/index.js";
import { timed } from "../core/helpers/timed.js";
import { startTokenServer, type TokenServer } from "./token-server.js";

const APPLICATION_TOKEN = "app-token-7f3a9c0e5b";
const CONTACTS = "/api/v1/organisation/{org_id}/contact";
const org = { params: { path: { org_id: 1234 } } };

let server: TokenServer;
const logLines: LogEvent[] = [];

beforeAll(async () => {
  server = await startTokenServer(APPLICATION_TOKEN);
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  logLines.length = 0;
});

function emnify(options: Partial<EmnifyClientOptions> = {}) {
  return createEmnifyClient({
    applicationToken: APPLICATION_TOKEN,
    baseUrl: server.url,
    maxRetries: 0,
    logger: (event) => logLines.push(event),
    ...options,
  });
}

/** Everything a user could see of an error: message, string form, stack, JSON and every property (cause included). */
function everythingShown(error: unknown): string {
  return [String(error), (error as Error).stack, JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })].join("\n");
}

describe("emnify token lifecycle (against a local server that issues and expires tokens)", () => {
  it("exchanges the application token lazily on the first call, then reuses the auth_token", async () => {
    const client = emnify();
    expect(server.exchanges).toBe(0);
    await unwrap(client.GET(CONTACTS, org));
    await unwrap(client.GET(CONTACTS, org));
    expect(server.exchanges).toBe(1);
    expect(server.bearers).toEqual([server.issued.at(-1), server.issued.at(-1)]);
  });

  it("re-authenticates once when the auth_token expired and retries the call once with the new token", async () => {
    const client = emnify();
    await unwrap(client.GET(CONTACTS, org));
    const [first] = server.issued.slice(-1);
    server.expireAll();
    const contacts = await unwrap(client.GET(CONTACTS, org));
    expect(contacts).toEqual([{ id: 5678, name: "Marc Muller" }]);
    expect(server.exchanges).toBe(2);
    const second = server.issued.at(-1);
    expect(second).not.toBe(first);
    expect(server.bearers).toEqual([first, first, second]);
  });

  it("a second 401 for the fresh token surfaces as AuthenticationError, after exactly one re-authentication", async () => {
    const client = emnify();
    server.refuseAll = true;
    const error = await unwrap(client.GET(CONTACTS, org)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "TokenExpired" });
    expect(server.exchanges).toBe(2);
    expect(server.bearers).toHaveLength(2);
  });

  it("ten parallel first calls share one exchange", async () => {
    const client = emnify();
    server.exchangeDelayMs = 30;
    await Promise.all(Array.from({ length: 10 }, () => unwrap(client.GET(CONTACTS, org))));
    expect(server.exchanges).toBe(1);
    expect(new Set(server.bearers)).toEqual(new Set([server.issued.at(-1)]));
  });

  it("ten parallel calls refused for an expired token share one re-authentication", async () => {
    const client = emnify();
    await unwrap(client.GET(CONTACTS, org));
    server.expireAll();
    server.exchangeDelayMs = 30;
    await Promise.all(Array.from({ length: 10 }, () => unwrap(client.GET(CONTACTS, org))));
    expect(server.exchanges).toBe(2);
    expect(server.bearers.slice(-10)).toEqual(Array(10).fill(server.issued.at(-1)));
    // Some of the 401s arrive after the token they quote was replaced; they are logged redacted all the same.
    const logged = JSON.stringify(logLines);
    for (const token of server.issued) expect(logged).not.toContain(token);
  });

  it("a refused application token surfaces as AuthenticationError (InvalidCredentials) with the token redacted", async () => {
    const client = emnify({ applicationToken: `${APPLICATION_TOKEN}-revoked` });
    const error = await client.GET(CONTACTS, org).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "InvalidCredentials" });
    // The server quoted the token it refused; the client shows the place, not the secret.
    expect((error as Error).message).toContain("Invalid credentials: [REDACTED]");
    expect(everythingShown(error)).not.toContain(APPLICATION_TOKEN);
  });

  it("neither the application token nor any auth_token appears in an error, its properties or a log line", async () => {
    const client = emnify();
    await unwrap(client.GET(CONTACTS, org));
    server.refuseAll = true; // both the old and the renewed token are refused, and quoted, by the server
    const error = await unwrap(client.GET(CONTACTS, org)).catch((e: unknown) => e);
    const apiError = error as AuthenticationError;
    expect(apiError.message).toContain("Token expired: [REDACTED]");
    expect(apiError.headers["x-echo-token"]).toBe("[REDACTED]");
    expect(server.issued.length).toBeGreaterThanOrEqual(2);

    const secrets = [APPLICATION_TOKEN, ...server.issued];
    const shown = everythingShown(error);
    const logged = JSON.stringify(logLines);
    expect(logLines.some((line) => line.type === "renew")).toBe(true);
    expect(logged).toContain("[REDACTED]");
    for (const secret of secrets) {
      expect(shown).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }
  });
});

describe("emnify: a slow exchange and the waiting call's signal and timeout", () => {
  it("rejects with the caller's abort reason as soon as it aborts, and sends neither the call nor a second exchange", async () => {
    server.exchangeDelayMs = 20_000;
    const reason = new Error("the user gave up");
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 100);
    const { ms, error } = await timed(emnify({ maxRetries: 2 }).GET(CONTACTS, { ...org, signal: controller.signal }));
    expect(error).toBe(reason);
    expect(ms).toBeLessThan(3_000);
    expect(server.exchanges).toBe(1);
    expect(server.bearers).toEqual([]);
  });

  it("with withOptions({ timeoutMs: 200 }) and a 100 ms signal, rejects with the signal's reason after about 100 ms", async () => {
    server.exchangeDelayMs = 20_000;
    const signal = AbortSignal.timeout(100);
    const { ms, error } = await timed(
      emnify()
        .withOptions({ timeoutMs: 200 })
        .GET(CONTACTS, { ...org, signal }),
    );
    expect(error).toBe(signal.reason);
    expect(ms).toBeLessThan(3_000);
  });

  it("with withOptions({ timeoutMs: 200 }), stops waiting for the exchange with TimeoutError after about 200 ms", async () => {
    server.exchangeDelayMs = 20_000;
    const { ms, error } = await timed(emnify().withOptions({ timeoutMs: 200 }).GET(CONTACTS, org));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 200, method: "GET" });
    expect(ms).toBeLessThan(3_000);
    expect(server.bearers).toEqual([]);
  });

  it("runs the exchange itself under the client's timeoutMs, whatever a call's withOptions says", async () => {
    server.exchangeDelayMs = 20_000;
    const { ms, error } = await timed(emnify({ timeoutMs: 300 }).withOptions({ timeoutMs: 5_000 }).GET(CONTACTS, org));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 300, method: "POST", url: `${server.url}/api/v1/authenticate` });
    expect(ms).toBeLessThan(4_000);
  });
});

describe("emnify: replaced auth_tokens", () => {
  it("stay redacted in the exchange's own errors, more than 8 replacements later", async () => {
    const issued: string[] = [];
    const spent = new Set<string>();
    let failExchange = false;
    const reply = (status: number, body: unknown): Response =>
      new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    // Each auth_token is good for one call, so every call after the first renews; a failing exchange quotes every
    // token it ever issued.
    const fetch = async (request: Request): Promise<Response> => {
      if (new URL(request.url).pathname === "/api/v1/authenticate") {
        if (failExchange) return reply(500, { error_code: 500, message: `exchange failed; issued so far: ${issued.join(", ")}` });
        issued.push(`eyJ.once-${issued.length + 1}.${Math.random().toString(36).slice(2)}`);
        return reply(200, { auth_token: issued.at(-1) });
      }
      const bearer = request.headers.get("authorization")?.slice("Bearer ".length) ?? "";
      if (spent.has(bearer) || !issued.includes(bearer)) return reply(401, { error_code: 1103, error_token: "TokenExpired" });
      spent.add(bearer);
      return reply(200, []);
    };
    const client = createEmnifyClient({ applicationToken: APPLICATION_TOKEN, fetch, maxRetries: 0 });
    for (let call = 0; call < 12; call += 1) await unwrap(client.GET(CONTACTS, org));
    expect(issued).toHaveLength(12);
    failExchange = true;
    const error = await unwrap(client.GET(CONTACTS, org)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toContain("issued so far: [REDACTED], [REDACTED]");
    const shown = everythingShown(error);
    for (const token of [APPLICATION_TOKEN, ...issued]) expect(shown).not.toContain(token);
  });
});

/**
 * The sandbox's HTTP server, attacked: any method, request target, header block or byte stream gets an HTTP
 * answer in the vendor's error format, and the server keeps serving. Each test starts its servers and closes
 * them in afterAll, on failure too.
 */
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "../../src/sandbox/index.js";
import { APIS, expectVendorError, HEALTHY_READ, session } from "../sandbox/helpers/raw-calls.js";

const TIMEOUT = 120_000;

/** Writes `request` to a fresh connection and resolves with everything the server sent until it closed. */
function exchange(server: SandboxServer, request: string | Uint8Array, options: { destroyAfterWrite?: boolean } = {}): Promise<string> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString("latin1")));
    socket.on("close", () => resolve(received));
    socket.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "ECONNRESET" || error.code === "EPIPE" ? resolve(received) : reject(error),
    );
    socket.write(request, () => {
      if (options.destroyAfterWrite) socket.destroy();
    });
  });
}

/** The status and the JSON body of a raw HTTP/1.1 answer, its body sent whole or chunked. */
function parseAnswer(raw: string): { status: number; body: unknown } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]);
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).toLowerCase();
  let body = raw.slice(split + 4);
  if (head.includes("transfer-encoding: chunked")) {
    let decoded = "";
    for (let at = 0; at < body.length; ) {
      const lineEnd = body.indexOf("\r\n", at);
      const size = Number.parseInt(body.slice(at, lineEnd), 16);
      if (!size) break;
      decoded += body.slice(lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    body = decoded;
  }
  return { status, body: body ? (JSON.parse(Buffer.from(body, "latin1").toString("utf8")) as unknown) : undefined };
}

function requestText(method: string, target: string, headers: Record<string, string>, body = ""): string {
  const lines = [
    `${method} ${target} HTTP/1.1`,
    "host: sandbox",
    "connection: close",
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  if (body) lines.push(`content-length: ${Buffer.byteLength(body)}`);
  return `${lines.join("\r\n")}\r\n\r\n${body}`;
}

const unexpected: unknown[] = [];
const onUnexpected = (error: unknown) => unexpected.push(error);

describe("the sandbox's HTTP server, attacked", () => {
  const servers: Array<{ api: (typeof APIS)[number]; server: SandboxServer; headers: Record<string, string> }> = [];

  beforeAll(async () => {
    process.on("unhandledRejection", onUnexpected);
    process.on("uncaughtException", onUnexpected);
    for (const api of APIS) {
      const { sandbox, headers } = await session(api);
      servers.push({ api, server: await sandbox.listen(), headers });
    }
  }, TIMEOUT);

  afterAll(async () => {
    await Promise.all(servers.map(({ server }) => server.close()));
    process.off("unhandledRejection", onUnexpected);
    process.off("uncaughtException", onUnexpected);
  }, TIMEOUT);

  it(
    "answers every method, TRACE, CONNECT and unknown ones included, in the vendor's format",
    async () => {
      for (const { api, server, headers } of servers) {
        for (const method of ["TRACE", "CONNECT", "PROPFIND", "OPTIONS", "PURGE", "DELETE"]) {
          const target = method === "CONNECT" ? "example.com:443" : HEALTHY_READ[api];
          const answer = parseAnswer(await exchange(server, requestText(method, target, headers)));
          expect(answer.status, `${api} ${method}`).toBe(api === "kare" ? 403 : 404);
          expectVendorError(api, answer.status, answer.body);
        }
      }
    },
    TIMEOUT,
  );

  it(
    "answers malformed targets, encodings and dot-segments without reaching another route",
    async () => {
      for (const { api, server, headers } of servers) {
        for (const target of [
          "*",
          `${HEALTHY_READ[api]}/%2e%2e/%2e%2e/`,
          `${HEALTHY_READ[api]}/../..`,
          `${HEALTHY_READ[api]}/%E0%A4%A`,
          "http://evil.example/../x",
          "//evil.example/x",
        ]) {
          const answer = parseAnswer(await exchange(server, requestText("GET", target, headers)));
          expect(answer.status, `${api} ${target}`).toBeGreaterThanOrEqual(400);
          expect(answer.status, `${api} ${target}`).toBeLessThan(500);
          expectVendorError(api, answer.status, answer.body);
        }
      }
    },
    TIMEOUT,
  );

  it(
    "answers bytes that are not HTTP, and oversized headers, in the vendor's format on the socket",
    async () => {
      for (const { api, server } of servers) {
        const garbage = parseAnswer(await exchange(server, Uint8Array.from([0x00, 0xff, 0x13, 0x37, 0x0d, 0x0a, 0x0d, 0x0a])));
        // The vendor's invalid-request answer: emnify's is a 422, the others' a 400.
        const invalid = api === "emnify" ? 422 : 400;
        expect(garbage.status).toBe(invalid);
        expectVendorError(api, invalid, garbage.body);
        const huge = parseAnswer(await exchange(server, requestText("GET", HEALTHY_READ[api], { "x-filler": "a".repeat(20_000) })));
        expect(huge.status).toBe(invalid);
        expectVendorError(api, invalid, huge.body);
      }
    },
    TIMEOUT,
  );

  it(
    "answers 60 random request lines and byte streams per API in the vendor's format",
    async () => {
      let state = 27;
      const random = () => {
        state = (state * 1664525 + 1013904223) >>> 0;
        return state / 2 ** 32;
      };
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
      const methods = ["GET", "POST", "TRACE", "M-SEARCH", "PATCH", "BREW", "get", "DELETE"];
      const targets = ["/", "*", "/%", "/%%32%65", "/..%2f..%2f", "/\u00e9", "/a?b[__proto__][c]=1", "/v1/companies?limit=-1", "/%00"];
      for (const { api, server, headers } of servers) {
        for (let i = 0; i < 60; i += 1) {
          const request =
            random() < 0.3
              ? Uint8Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.floor(random() * 256))
              : requestText(
                  pick(methods),
                  `${HEALTHY_READ[api]}${pick(targets)}`,
                  headers,
                  random() < 0.5 ? "" : pick(["{", "[]", '{"a":1}', "\u00ff"]),
                );
          const raw = await exchange(server, request);
          // A byte stream node's parser is still waiting on (no end of headers yet) gets no answer before the
          // client hangs up; every one it can read does.
          if (raw === "") continue;
          const answer = parseAnswer(raw);
          expect(answer.status, `${api} #${i}`).toBeGreaterThanOrEqual(200);
          expect(answer.status, `${api} #${i}`).toBeLessThan(500);
          if (answer.status >= 400 && answer.body !== undefined) expectVendorError(api, answer.status, answer.body);
        }
      }
    },
    TIMEOUT,
  );

  it(
    "answers a body over the limit with the vendor's 413, and survives a client that resets mid-body",
    async () => {
      for (const { api, server, headers } of servers) {
        const limit = api === "kare" ? 10 * 1024 * 1024 : 1024 * 1024;
        const body = `{"x":"${"y".repeat(limit)}"}`;
        const answer = parseAnswer(await exchange(server, requestText("POST", HEALTHY_READ[api], headers, body)));
        expect(answer.status, api).toBe(413);
        expectVendorError(api, 413, answer.body);
        const half = `${requestText("POST", HEALTHY_READ[api], { ...headers, "content-length": "1000" })}{"x":`;
        await exchange(server, half, { destroyAfterWrite: true });
      }
    },
    TIMEOUT,
  );

  it(
    "names its own URL in errors and links, and serves every API normally afterwards, with nothing left unhandled",
    async () => {
      for (const { api, server, headers } of servers) {
        const unknown = await fetch(`${server.url}/no/such/route`, { headers });
        const body = (await unknown.json()) as { error?: { message?: string }; message?: string };
        if (api !== "kare") expect(body.error?.message ?? body.message).toBe(`No route GET ${server.url}/no/such/route`);
        if (api === "folk") {
          const second = JSON.stringify({ name: "Second Company" });
          expect((await fetch(`${server.url}/v1/companies`, { method: "POST", headers, body: second })).status).toBe(200);
        }
        const healthy = await fetch(`${server.url}${HEALTHY_READ[api]}${api === "folk" ? "?limit=1" : ""}`, { headers });
        expect(healthy.status, api).toBe(200);
        const page = (await healthy.json()) as { data?: { pagination?: { nextLink?: string } } };
        if (api === "folk") expect(page.data?.pagination?.nextLink).toMatch(new RegExp(`^${server.url}/v1/companies\\?`));
      }
      expect(unexpected).toEqual([]);
    },
    TIMEOUT,
  );
});

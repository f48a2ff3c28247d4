/**
 * No request, however malformed, gets anything but an HTTP answer in the vendor's format, and none leaves a
 * sandbox unable to serve the next caller: limits, forbidden keys, media types, encodings and routes, in process.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_BODY_BYTES, MAX_JSON_DEPTH } from "../../src/sandbox/limits.js";
import { APIS, call, expectVendorError, HEALTHY_READ, messageOf, post, session } from "./helpers/raw-calls.js";

/** A write per API whose body has a free-form or open part where a client can nest anything. */
const OPEN_WRITE = {
  featurebase: {
    method: "POST",
    path: "/v2/companies",
    body: (extra: unknown) => ({ companyId: "deep", name: "Deep", customFields: { extra } }),
  },
  // folk's bodies are closed: the nested part would be refused by the schema, if the limit did not refuse it first.
  folk: { method: "POST", path: "/v1/companies", body: (extra: unknown) => ({ name: "Deep", customFieldValues: { extra } }) },
  emnify: { method: "POST", path: "/api/v1/organisation/1234/contact", body: (extra: unknown) => ({ type: { id: 1 }, extra }) },
  kare: { method: "PATCH", path: "/companies/v2/rs/42/contacts/1234", body: (extra: unknown) => ({ notify: false, extra }) },
} as const;

/** JSON text of objects nested `levels` deep (as text: JSON.stringify itself would run out of stack). */
function nested(levels: number): string {
  return `${'{"next":'.repeat(levels)}"leaf"${"}".repeat(levels)}`;
}

/** The write's JSON text with `json` (raw JSON text) as its open part. */
function bodyWith(write: { body: (extra: unknown) => unknown }, json: string): string {
  return JSON.stringify(write.body("EXTRA")).replace('"EXTRA"', json);
}

/** A tiny deterministic generator, so that a failing fuzz case is the same on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

// Each test sends dozens of requests, some of megabytes: bounds for a machine three times slower under load.
const TIMEOUT = 60_000;

describe("sandbox hardening, in process", () => {
  for (const api of APIS) {
    describe(api, () => {
      it(
        "refuses a body nested past the limit with its own error naming the field, and keeps serving lists",
        async () => {
          const { sandbox, headers } = await session(api);
          const write = OPEN_WRITE[api];
          const refused = await post(sandbox, write.path, bodyWith(write, nested(5_000)), headers, write.method);
          expect(refused.status).toBeGreaterThanOrEqual(400);
          expect(refused.status).toBeLessThan(500);
          expectVendorError(api, refused.status, refused.body);
          expect(messageOf(refused.body)).toMatch(new RegExp(`nests deeper than ${MAX_JSON_DEPTH} levels`));
          expect((await call(sandbox, HEALTHY_READ[api], { headers })).status).toBe(200);
          // At the limit itself the body is taken (the open part starts one or two levels down); folk's bodies are
          // closed, so it has no open part to nest in.
          if (api === "folk") return;
          const accepted = await post(sandbox, write.path, bodyWith(write, nested(MAX_JSON_DEPTH - 3)), headers, write.method);
          expect(accepted.status, messageOf(accepted.body)).toBeLessThan(300);
        },
        TIMEOUT,
      );

      it(
        "refuses a body past its size limit with a 413 in its own envelope, unread",
        async () => {
          const { sandbox, headers } = await session(api);
          const limit = api === "kare" ? 10 * 1024 * 1024 : DEFAULT_MAX_BODY_BYTES;
          const write = OPEN_WRITE[api];
          const text = JSON.stringify(write.body("x".repeat(limit)));
          const refused = await post(sandbox, write.path, text, headers, write.method);
          expect(refused.status).toBe(413);
          expectVendorError(api, 413, refused.body);
          expect(sandbox.calls.at(-1)).toMatchObject({ status: 413, requestBody: undefined });
        },
        TIMEOUT,
      );

      it(
        "refuses __proto__, constructor and prototype keys anywhere in a body, and stores nothing",
        async () => {
          const { sandbox, headers } = await session(api);
          const write = OPEN_WRITE[api];
          for (const key of ["__proto__", "constructor", "prototype"]) {
            const text = JSON.stringify(write.body({ inner: { PLACEHOLDER: { polluted: true } } })).replace("PLACEHOLDER", key);
            const refused = await post(sandbox, write.path, text, headers, write.method);
            expect(refused.status, key).toBeGreaterThanOrEqual(400);
            expectVendorError(api, refused.status, refused.body);
            expect(messageOf(refused.body)).toContain(`reserved key ${key}`);
          }
          expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
          const list = await call(sandbox, HEALTHY_READ[api], { headers });
          expect(JSON.stringify(list.body)).not.toContain("polluted");
        },
        TIMEOUT,
      );

      it(
        "refuses a forbidden key in a query parameter's name",
        async () => {
          const { sandbox, headers } = await session(api);
          for (const key of ["__proto__", "constructor", "prototype"]) {
            const refused = await call(sandbox, `${HEALTHY_READ[api]}?filter[${key}][eq]=x`, { headers });
            expect(refused.status, key).toBeGreaterThanOrEqual(400);
            expect(refused.status).toBeLessThan(500);
            expectVendorError(api, refused.status, refused.body);
            expect(messageOf(refused.body)).toContain(`reserved key ${key}`);
          }
        },
        TIMEOUT,
      );

      it(
        "refuses a body that is not application/json, or has no content-type, or is not UTF-8",
        async () => {
          const { sandbox, headers } = await session(api);
          const write = OPEN_WRITE[api];
          const text = JSON.stringify(write.body("plain"));
          const { "content-type": _json, ...withoutType } = headers;
          for (const typed of [
            { ...headers, "content-type": "text/plain" },
            { ...headers, "content-type": "application/x-www-form-urlencoded" },
          ]) {
            const refused = await post(sandbox, write.path, text, typed, write.method);
            expectVendorError(api, refused.status, refused.body);
            expect(messageOf(refused.body)).toContain(`content-type must be application/json (got "${typed["content-type"]}")`);
          }
          const untyped = await call(sandbox, write.path, {
            method: write.method,
            headers: withoutType,
            body: new TextEncoder().encode(text),
          });
          expect(messageOf(untyped.body)).toContain("content-type must be application/json (got none)");
          const latin1 = new Uint8Array([...new TextEncoder().encode(text.slice(0, -1)), 0x2c, 0x22, 0x6e, 0xe9, 0x22, 0x3a, 0x31, 0x7d]);
          const refused = await call(sandbox, write.path, { method: write.method, headers, body: latin1 });
          expectVendorError(api, refused.status, refused.body);
          expect(messageOf(refused.body)).toContain("not valid UTF-8");
        },
        TIMEOUT,
      );

      it(
        "never routes a dot-segment to another route, and answers malformed percent-encoding in its own format",
        async () => {
          const { sandbox, headers } = await session(api);
          for (const path of [`${HEALTHY_READ[api]}/%2e%2e/%2e%2e/`, `${HEALTHY_READ[api]}/../..`, `${HEALTHY_READ[api]}/%2E/x`]) {
            const answer = await call(sandbox, path, { headers });
            expect(answer.status, path).toBe(api === "kare" ? 403 : 404);
            expectVendorError(api, answer.status, answer.body);
          }
          const malformed = await call(sandbox, `${HEALTHY_READ[api]}/%E0%A4%A`, { headers });
          expect(malformed.status).toBeGreaterThanOrEqual(400);
          expect(malformed.status).toBeLessThan(500);
          expectVendorError(api, malformed.status, malformed.body);
          expect(messageOf(malformed.body)).toContain("is not valid percent-encoding");
        },
        TIMEOUT,
      );

      it(
        "answers 200 random requests (methods, paths, encodings, bytes) in its own format, then serves normally",
        async () => {
          const { sandbox, headers } = await session(api);
          const random = prng(27 + api.length);
          const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
          const methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "PROPFIND", "X-UNKNOWN"];
          const segments = [
            "%",
            "%zz",
            "%c3%28",
            "..",
            "%2e",
            "\u00e9",
            "%00",
            "a%2Fb",
            "__proto__",
            "constructor",
            "42",
            "1234",
            "507f1f77bcf86cd799439011",
            "x".repeat(300),
          ];
          const contentTypes = [
            "application/json",
            "text/plain",
            "",
            "application/json; charset=latin1",
            "multipart/form-data; boundary=x",
          ];
          for (let i = 0; i < 200; i += 1) {
            const path = `${HEALTHY_READ[api]}/${pick(segments)}${random() < 0.3 ? `/${pick(segments)}` : ""}${random() < 0.3 ? `?${pick(segments)}[${pick(segments)}]=${pick(segments)}` : ""}`;
            const method = pick(methods);
            const bytes = Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256));
            const type = pick(contentTypes);
            const body = method === "GET" || method === "HEAD" ? undefined : random() < 0.5 ? bytes : nested(Math.floor(random() * 60));
            const response = await sandbox.fetch(path, {
              method,
              headers: { ...headers, ...(type ? { "content-type": type } : {}) },
              body,
            });
            expect(response.status, `${method} ${path}`).toBeGreaterThanOrEqual(200);
            expect(response.status, `${method} ${path}`).toBeLessThan(500);
            const text = await response.text();
            if (response.status >= 400 && method !== "HEAD") expectVendorError(api, response.status, JSON.parse(text));
          }
          expect((await call(sandbox, HEALTHY_READ[api], { headers })).status).toBe(200);
        },
        TIMEOUT,
      );

      it("names the URL the request was made to in an unknown-route error, never the vendor's host", async () => {
        const { sandbox, headers } = await session(api);
        const answer = await call(sandbox, "http://127.0.0.1:4010/no/such/route?x=1", { method: "GET", headers });
        expectVendorError(api, answer.status, answer.body);
        if (api !== "kare") expect(messageOf(answer.body)).toBe(`No route GET http://127.0.0.1:4010/no/such/route`);
      });
    });
  }
});

/**
 * No part of a secret survives in a message, cause or body: secrets are removed before anything is cut to length,
 * in every form a server may echo them, and a secret too short to be told from ordinary text is refused.
 */
import { describe, expect, it } from "vitest";
import { type ApiError, REDACTED, ResponseParseError } from "../../src/core/index.js";
import { createRedactor } from "../../src/core/redact.js";
import { bearerAuth, createCrmClient } from "../../src/core/vendor-kit.js";
import { createFolkClient } from "../../src/folk/index.js";
import type { paths } from "./fixtures/paths.js";
import { API_KEY, testVendor } from "./fixtures/vendor.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";

/** Every run of 8 or more characters of `secret` that `text` contains. */
function fragments(text: string, secret: string): string[] {
  const found: string[] = [];
  for (let start = 0; start + 8 <= secret.length; start += 1) {
    const piece = secret.slice(start, start + 8);
    if (text.includes(piece)) found.push(piece);
  }
  return found;
}

function client(respond: () => Response) {
  const fake = fakeFetch(respond);
  return createCrmClient<paths>(testVendor, { baseUrl: "https://api.acme.test", fetch: fake.fetch, maxRetries: 0 }, bearerAuth(API_KEY));
}

async function apiError(respond: () => Response): Promise<ApiError> {
  const { error, response } = await client(respond).GET("/companies/{id}", { params: { path: { id: "c1" } } });
  try {
    const { unwrap } = await import("../../src/core/index.js");
    await unwrap(Promise.resolve({ error, response }));
  } catch (thrown) {
    return thrown as ApiError;
  }
  throw new Error("expected an ApiError");
}

describe("secrets are removed before a message is cut to length", () => {
  it.each([
    ["a vendor message (cut at 300)", () => json(400, { error: { message: `${"m".repeat(290)}${API_KEY} tail` } })],
    [
      "a text body (cut at 200)",
      () => new Response(`${"t".repeat(190)}${API_KEY} tail`, { status: 400, headers: { "content-type": "text/plain" } }),
    ],
    [
      "an HTML title (cut at 100)",
      () =>
        new Response(`<html><head><title>${"h".repeat(90)}${API_KEY} tail</title></head></html>`, {
          status: 502,
          headers: { "content-type": "text/html" },
        }),
    ],
  ])("%s keeps no fragment of a key that straddles the cut", async (_name, respond) => {
    const error = await apiError(respond);
    expect(error.message).toContain("[REDAC");
    expect(fragments(error.message, API_KEY)).toEqual([]);
    expect(fragments(JSON.stringify(error.toJSON()), API_KEY)).toEqual([]);
  });
});

describe("ResponseParseError", () => {
  it("keeps no fragment of an echoed key in its cause (V8 quotes the text around a JSON syntax error)", async () => {
    const api = client(
      () =>
        new Response(`{"pad":"${"p".repeat(100)}","echo":${API_KEY}}`, { status: 200, headers: { "content-type": "application/json" } }),
    );
    const error = await api.GET("/companies").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseParseError);
    const cause = (error as Error).cause as Error;
    expect(cause).toBeInstanceOf(Error);
    expect(cause.name).toBe("SyntaxError");
    expect(fragments(`${cause.message}\n${cause.stack}`, API_KEY)).toEqual([]);
    expect(fragments(`${(error as Error).message}${(error as ResponseParseError).text}`, API_KEY)).toEqual([]);
  });
});

describe("encoded forms", () => {
  const secret = "sk_live/Ab+cd=ef?gh é";
  const redactor = createRedactor([secret]);
  const utf8Base64 = (text: string, url = false) => {
    const encoded = Buffer.from(text, "utf8").toString(url ? "base64url" : "base64");
    return encoded;
  };

  it.each([
    ["plain", secret],
    ["JSON-escaped", JSON.stringify(secret).slice(1, -1)],
    ["JSON-escaped with \\/", JSON.stringify(secret).slice(1, -1).replaceAll("/", "\\/")],
    ["JSON-escaped with \\u escapes", JSON.stringify(secret).slice(1, -1).replace("é", "\\u00e9")],
    ["percent-encoded, upper-case hex", encodeURIComponent(secret)],
    ["percent-encoded, lower-case hex", encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
    ["form-encoded (space as +)", new URLSearchParams({ k: secret }).toString().slice(2)],
    ["base64", utf8Base64(secret)],
    ["base64url", utf8Base64(secret, true)],
    ["base64 inside Basic credentials", utf8Base64(`user:${secret}`)],
    ["base64 after two bytes", utf8Base64(`ab${secret}`)],
  ])("removes the %s form", (_name, form) => {
    const scrubbed = redactor.text(`before ${form} after`);
    expect(scrubbed).toContain(REDACTED);
    expect(scrubbed.startsWith("before ")).toBe(true);
    expect(fragments(scrubbed, form)).toEqual([]);
  });
});

describe("result.error without unwrap", () => {
  it("has every string value of the vendor body redacted, at any depth", async () => {
    const api = client(() => json(401, { error: { message: `key ${API_KEY} is revoked`, list: [API_KEY, 3] } }));
    const { error } = await api.GET("/companies");
    expect(error).toEqual({ error: { message: `key ${REDACTED} is revoked`, list: [REDACTED, 3] } });
  });

  it("has a text body redacted", async () => {
    const api = client(() => new Response(`bad key ${API_KEY}`, { status: 403, headers: { "content-type": "text/plain" } }));
    const { error } = await api.GET("/companies");
    expect(error).toBe(`bad key ${REDACTED}`);
  });
});

describe("short secrets", () => {
  it.each(["k", "1234567", "       k"])("refuses %j at construction, naming the option", (apiKey) => {
    expect(() => bearerAuth(apiKey)).toThrow(TypeError);
    expect(() => bearerAuth(apiKey)).toThrow(/options\.apiKey must be at least 8 characters/);
    expect(() => createFolkClient({ apiKey })).toThrow(/options\.apiKey must be at least 8 characters/);
  });

  it("does not quote the short value", () => {
    expect(() => bearerAuth("abc1234")).not.toThrow(/abc1234/);
  });

  it("accepts 8 characters", () => {
    expect(() => bearerAuth("12345678")).not.toThrow();
  });
});

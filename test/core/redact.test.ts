import { describe, expect, it } from "vitest";
import { createRedactor, REDACTED, sanitizeCause } from "../../src/core/redact.js";

const secret = 'tok/en+with spaces&"quote';

describe("createRedactor", () => {
  const redactor = createRedactor([secret, "pw123456"], ["X-Session-Token"]);

  it("scrubs a secret and its URL-encoded and JSON-escaped forms from text", () => {
    const text = `raw ${secret} url ${encodeURIComponent(secret)} json ${JSON.stringify(secret)} pw123456`;
    const scrubbed = redactor.text(text);
    expect(scrubbed).toBe(`raw ${REDACTED} url ${REDACTED} json "${REDACTED}" ${REDACTED}`);
  });

  it("scrubs a secret echoed with its case folded, in each of its encodings", () => {
    const key = "sk_Live_AbCdEf123";
    const folded = createRedactor([key]);
    const text = `upper ${key.toUpperCase()} lower ${key.toLowerCase()} json ${JSON.stringify(key.toLowerCase())} url ${encodeURIComponent(key).toUpperCase()}`;
    expect(folded.text(text)).toBe(`upper ${REDACTED} lower ${REDACTED} json "${REDACTED}" url ${REDACTED}`);
    expect(folded.value({ message: `Invalid API key ${key.toLowerCase()}` })).toEqual({ message: `Invalid API key ${REDACTED}` });
  });

  it("redacts Authorization, cookies and vendor secret headers whatever their case, and scrubs the rest", () => {
    const headers = new Headers({
      Authorization: "Bearer abc",
      "x-session-token": "s1",
      "Set-Cookie": "sid=1",
      "X-Echo": "key=pw123456",
      "Content-Type": "application/json",
    });
    expect(redactor.headers(headers)).toEqual({
      authorization: REDACTED,
      "x-session-token": REDACTED,
      "set-cookie": REDACTED,
      "x-echo": `key=${REDACTED}`,
      "content-type": "application/json",
    });
  });

  it("drops userinfo and scrubs query values from URLs", () => {
    expect(redactor.url("https://user:pass@api.test/x?key=pw123456")).toBe(`https://api.test/x?key=${REDACTED}`);
  });

  it("deep-copies bodies with every string scrubbed and leaves the original untouched", () => {
    const body = { error: { message: "bad token pw123456", list: ["pw123456", 3, null] } };
    expect(redactor.value(body)).toEqual({ error: { message: `bad token ${REDACTED}`, list: [REDACTED, 3, null] } });
    expect(body.error.message).toContain("pw123456");
  });

  it("ignores empty secrets instead of redacting every gap between characters", () => {
    expect(createRedactor(["", "x".repeat(0)]).text("hello")).toBe("hello");
  });
});

describe("sanitizeCause", () => {
  it("keeps name and code but scrubs message, stack and nested causes", () => {
    const inner = Object.assign(new Error("connect to pw123456 failed"), { code: "ECONNREFUSED" });
    const outer = new TypeError("fetch failed pw123456", { cause: inner });
    const copy = sanitizeCause(outer, createRedactor(["pw123456"])) as Error & { cause: Error & { code: string } };
    expect(copy.name).toBe("TypeError");
    expect(copy.message).toBe(`fetch failed ${REDACTED}`);
    expect(copy.stack).not.toContain("pw123456");
    expect(copy.cause.code).toBe("ECONNREFUSED");
    expect(copy.cause.message).not.toContain("pw123456");
  });
});

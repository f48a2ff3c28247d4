import { describe, expect, it } from "vitest";
import { bearerAuth } from "../../src/core/vendor-kit.js";

describe("bearerAuth", () => {
  it("sends Authorization: Bearer <key> and reports the key as a secret", () => {
    const auth = bearerAuth("sk_12345678");
    const headers = new Headers();
    auth.authorize(headers);
    expect(headers.get("authorization")).toBe("Bearer sk_12345678");
    expect(auth.secrets()).toEqual(["sk_12345678"]);
  });

  it.each([
    [undefined, "got undefined"],
    [null, "got null"],
    ["", "got an empty string"],
    ["   ", "got an empty string"],
    [42, "got number"],
  ])("refuses %j with a TypeError naming the option", (key, got) => {
    expect(() => bearerAuth(key, "apiKey")).toThrow(
      new TypeError(
        `crm-kit: options.apiKey must be a non-empty string, ${got}. Pass the credential from the vendor's settings, e.g. { apiKey: process.env.MY_API_KEY }.`,
      ),
    );
  });

  it("names a custom option in the message", () => {
    expect(() => bearerAuth(undefined, "applicationToken")).toThrow("options.applicationToken must be a non-empty string");
  });

  it("refuses a key with a line break without echoing it", () => {
    expect(() => bearerAuth("sk_secret\n")).toThrow(/contains a line break/);
    expect(() => bearerAuth("sk_secret\n")).not.toThrow(/sk_secret/);
  });
});

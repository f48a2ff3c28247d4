import { describe, expect, it } from "vitest";
import { ConflictError, RateLimitError, UnprocessableEntityError, unwrap } from "../../src/core/index.js";
import { createEmnifyClient } from "../../src/emnify/index.js";
import { parseEmnifyError } from "../../src/emnify/vendor.js";
import { fakeEmnify, json } from "./fake-emnify.js";

const validation = {
  error_code: 1400,
  error_token: "InputValidationFailed",
  message: "InputValidationFailed",
  errors: [
    { error_code: 1402, error_token: "Required", message: "type is required" },
    { error_code: 1403, error_token: "InvalidFormat", message: "email has an invalid format" },
  ],
};

describe("parseEmnifyError", () => {
  it("uses error_token as the code and the message as the message", () => {
    expect(parseEmnifyError({ error_code: 1103, error_token: "TokenExpired", message: "Token expired" })).toEqual({
      code: "TokenExpired",
      message: "Token expired",
      param: undefined,
    });
  });

  it("falls back to the numeric error_code when the body has no error_token", () => {
    expect(parseEmnifyError({ error_code: 1105, message: "Too many requests" }).code).toBe("1105");
    expect(parseEmnifyError({ error_code: 1105, error_token: "", message: "x" }).code).toBe("1105");
  });

  it("appends the errors[] reasons of a validation error and names the field of the first", () => {
    expect(parseEmnifyError(validation)).toEqual({
      code: "InputValidationFailed",
      message: "InputValidationFailed: type is required; email has an invalid format",
      param: "type",
    });
  });

  it("names no param when the first reason does not open with a field", () => {
    const body = {
      ...validation,
      errors: [{ error_code: 1401, error_token: "InvalidReference", message: "Country with id 999 not found" }],
    };
    expect(parseEmnifyError(body).param).toBeUndefined();
  });

  it("maps bodies that are not emnify errors to nothing", () => {
    for (const body of [undefined, null, "<html>Bad gateway</html>", [1, 2], { errors: "nope" }]) {
      const parsed = parseEmnifyError(body);
      expect([parsed.code, parsed.message, parsed.param]).toEqual([undefined, undefined, undefined]);
    }
  });
});

describe("emnify errors through the client", () => {
  const org = { params: { path: { org_id: 1234 } } };

  it("a 422 becomes UnprocessableEntityError with the reasons in the message and the field as param", async () => {
    const emnify = fakeEmnify(() => json(422, validation));
    const client = createEmnifyClient({ applicationToken: "app-token", fetch: emnify.fetch });
    // @ts-expect-error type is required; the server's answer is what is under test
    const error = await unwrap(client.POST("/api/v1/organisation/{org_id}/contact", { ...org, body: {} })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error).toMatchObject({ status: 422, code: "InputValidationFailed", param: "type", body: validation });
    expect((error as Error).message).toBe(
      "crm-kit (emnify): POST /api/v1/organisation/1234/contact returned 422: InputValidationFailed: type is required; " +
        "email has an invalid format [code InputValidationFailed, param type]",
    );
  });

  it("a 409 becomes ConflictError carrying emnify's code", async () => {
    const body = { error_code: 1406, error_token: "NotAllowed", message: "This action is not allowed for this contact" };
    const client = createEmnifyClient({ applicationToken: "app-token", fetch: fakeEmnify(() => json(409, body)).fetch });
    const error = await unwrap(
      client.DELETE("/api/v1/organisation/{org_id}/contact/{contact_id}", { params: { path: { org_id: 1, contact_id: "2" } } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "NotAllowed", message: expect.stringContaining("not allowed for this contact") });
  });

  it("a 429 on a GET is retried, then surfaces as RateLimitError", async () => {
    const body = { error_code: 1105, error_token: "TooManyRequests", message: "Too many requests" };
    const emnify = fakeEmnify(() => json(429, body));
    const client = createEmnifyClient({ applicationToken: "app-token", fetch: emnify.fetch, maxRetries: 1, retry: { baseDelayMs: 0 } });
    await expect(unwrap(client.GET("/api/v1/organisation/{org_id}/contact", org))).rejects.toBeInstanceOf(RateLimitError);
    expect(emnify.calls()).toHaveLength(2);
    expect(emnify.exchanges()).toHaveLength(1);
  });
});

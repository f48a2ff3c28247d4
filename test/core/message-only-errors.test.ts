/**
 * Every vendor's error mapping on the message-only body that gateways answer (`{"message": …}`: emnify's 401 for a
 * malformed token and Kare's every error, both AWS API Gateway): no code, the message, and the gateway's request id.
 */
import { describe, expect, it } from "vitest";
import { ApiError, AuthenticationError, PermissionDeniedError, unwrap } from "../../src/core/index.js";
import { createEmnifyClient } from "../../src/emnify/index.js";
import { createFeaturebaseClient } from "../../src/featurebase/index.js";
import { createFolkClient } from "../../src/folk/index.js";
import { createKareClient } from "../../src/kare/index.js";

const REQUEST_ID = "b4376d03-d6d8-410e-8ee2-a03a817a125a";

/** A fetch that answers every call with `status` and `{ message }`, API Gateway's request id in the headers. */
function messageOnly(status: number, message: string) {
  return async (request: Request) => {
    if (request.url.endsWith("/api/v1/authenticate")) return Response.json({ auth_token: "a.b.c" });
    return Response.json({ message }, { status, headers: { "x-amzn-RequestId": REQUEST_ID } });
  };
}

async function failure(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("the message-only error body, for every vendor", () => {
  it("emnify: a 401 with only a message is an AuthenticationError with that message and API Gateway's request id", async () => {
    const fetch = messageOnly(401, "token contains an invalid number of segments");
    const emnify = createEmnifyClient({ applicationToken: "app-token", fetch, maxRetries: 0 });
    const error = await failure(unwrap(emnify.GET("/api/v1/organisation/{org_id}/contact", { params: { path: { org_id: 1 } } })));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.code).toBeUndefined();
    expect(error.message).toContain("token contains an invalid number of segments");
    expect(error.requestId).toBe(REQUEST_ID);
  });

  it("Kare: API Gateway's 403 is a PermissionDeniedError with its message and request id", async () => {
    const kare = createKareClient({
      token: "org-token-1",
      sessionToken: "session-token-1",
      fetch: messageOnly(403, "Missing Authentication Token"),
      maxRetries: 0,
    });
    const error = await failure(unwrap(kare.GET("/companies/v2/rs", {})));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.code).toBeUndefined();
    expect(error.message).toContain("Missing Authentication Token");
    expect(error.requestId).toBe(REQUEST_ID);
  });

  it("folk and Featurebase: a body without their envelope still gives its message, and no code", async () => {
    const fetch = messageOnly(401, "Unauthorized by the gateway");
    const folk = createFolkClient({ apiKey: "folk-api-key-1", fetch, maxRetries: 0 });
    const featurebase = createFeaturebaseClient({ apiKey: "sk_featurebase_1", fetch, maxRetries: 0 });
    for (const call of [() => unwrap(folk.GET("/v1/users/me", {})), () => unwrap(featurebase.GET("/v2/companies", {}))]) {
      const error = await failure(call());
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.code).toBeUndefined();
      expect(error.message).toContain("Unauthorized by the gateway");
    }
  });
});

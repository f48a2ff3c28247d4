import { describe, expect, it } from "vitest";
import { AuthenticationError, BadRequestError, NotFoundError, unwrap } from "../../src/core/index.js";
import { createFeaturebaseClient, DEFAULT_FEATUREBASE_VERSION, featurebaseVersion } from "../../src/featurebase/index.js";
import { featurebaseVendor } from "../../src/featurebase/vendor.js";

/** A fetch that records requests and answers with one canned response. */
function recordingFetch(status = 200, body: unknown = { object: "list", data: [], nextCursor: null }) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };
  return { requests, fetch };
}

describe("createFeaturebaseClient", () => {
  it("refuses a missing or empty apiKey, naming the option", () => {
    // @ts-expect-error apiKey is required
    expect(() => createFeaturebaseClient({})).toThrow(/apiKey/);
    expect(() => createFeaturebaseClient({ apiKey: "" })).toThrow(/apiKey/);
    expect(() => createFeaturebaseClient({ apiKey: "   " })).toThrow(/apiKey/);
  });

  it("refuses a baseUrl that is not an absolute http(s) URL", () => {
    expect(() => createFeaturebaseClient({ apiKey: "sk_test_key", baseUrl: "/v2" })).toThrow(/baseUrl/);
    expect(() => createFeaturebaseClient({ apiKey: "sk_test_key", baseUrl: "ftp://do.featurebase.app" })).toThrow(/baseUrl/);
    expect(() => createFeaturebaseClient({ apiKey: "sk_test_key", baseUrl: "http://do.featurebase.app" })).toThrow(/https/);
  });

  it("refuses a version that is not <date>.<slug>, listing the known ones", () => {
    // @ts-expect-error not a known version: the types refuse it, and the client does for untyped callers
    expect(() => createFeaturebaseClient({ apiKey: "sk_test_key", version: "nova" })).toThrow(/<YYYY-MM-DD>\.<slug>.*2026-01-01\.nova/);
    // @ts-expect-error the same
    expect(() => createFeaturebaseClient({ apiKey: "sk_test_key", version: "2026-01-01" })).toThrow(/version "2026-01-01"/);
    expect(() => featurebaseVersion("2026-01-01")).toThrow(/featurebaseVersion\(\) "2026-01-01" is not a Featurebase-Version/);
    expect(() => featurebaseVersion("2025-12-12.clover")).toThrow(/predates the v2/);
  });

  it("sends a later version it does not know as given, as Featurebase types the header as any string", async () => {
    const { requests, fetch } = recordingFetch();
    await createFeaturebaseClient({ apiKey: "sk_test_key", version: featurebaseVersion("2027-03-01.vega"), fetch }).GET("/v2/companies");
    expect(requests[0]?.headers.get("featurebase-version")).toBe("2027-03-01.vega");
  });

  it("refuses a documented version that predates the v2 endpoints", () => {
    // @ts-expect-error a known version, but one without the v2 endpoints: not a FeaturebaseVersion
    expect(() => createFeaturebaseClient({ apiKey: "sk_test_key", version: "2025-12-12.clover" })).toThrow(
      /predates the v2 .*2026-01-01\.nova/,
    );
  });

  it("sends the key as a bearer token and the default version to the production server", async () => {
    const { requests, fetch } = recordingFetch();
    await createFeaturebaseClient({ apiKey: "sk_live_1", fetch }).GET("/v2/companies");
    const [request] = requests;
    expect(request?.url).toBe("https://do.featurebase.app/v2/companies");
    expect(request?.headers.get("authorization")).toBe("Bearer sk_live_1");
    expect(request?.headers.get("featurebase-version")).toBe(DEFAULT_FEATUREBASE_VERSION);
    expect(DEFAULT_FEATUREBASE_VERSION).toBe("2026-01-01.nova");
  });

  it("sends the chosen version and encodes path parameters", async () => {
    const { requests, fetch } = recordingFetch(200, {});
    const client = createFeaturebaseClient({ apiKey: "sk_test_key", version: "2026-08-19.orbit", baseUrl: "http://127.0.0.1:9", fetch });
    await client.GET("/v2/companies/{id}", { params: { path: { id: "../admin" } } });
    expect(requests[0]?.headers.get("featurebase-version")).toBe("2026-08-19.orbit");
    expect(new URL(requests[0]?.url ?? "").pathname).toBe("/v2/companies/..%2Fadmin");
  });

  it("maps Featurebase's error body onto the error's code, message and param, without the key", async () => {
    const body = { error: { type: "authentication_error", code: "invalid_api_key", message: "Invalid API key", status: 401 } };
    const { fetch } = recordingFetch(401, body);
    const error = await unwrap(createFeaturebaseClient({ apiKey: "sk_secret_123", fetch, maxRetries: 0 }).GET("/v2/companies")).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "invalid_api_key", message: expect.stringContaining("Invalid API key") });
    expect(JSON.stringify(error)).not.toContain("sk_secret_123");
    expect(String((error as Error).stack)).not.toContain("sk_secret_123");
  });

  it("parseError falls back to the error type and ignores bodies of another shape", () => {
    expect(featurebaseVendor.parseError({ error: { type: "api_error", message: "boom", param: "id" } })).toEqual({
      code: "api_error",
      message: "boom",
      param: "id",
    });
    expect(featurebaseVendor.parseError("<html>502</html>")).toEqual({});
    expect(featurebaseVendor.parseError({ detail: "no message" })).toEqual({ message: undefined });
  });

  it("reads a response with fields it does not know and with the nulls Featurebase documents", async () => {
    const contact = {
      object: "contact",
      id: "676f0f6765bdaa7d7d760f88",
      name: "John Doe",
      type: "customer",
      email: null,
      profilePicture: null,
      addedInALaterVersion: { anything: true },
      companies: [
        {
          object: "company",
          id: "507f1f77bcf86cd799439011",
          companyId: "comp_12345",
          name: "Acme Inc",
          monthlySpend: null,
          industry: null,
          website: null,
          plan: null,
          linkedUsers: null,
          companySize: null,
          lastActivity: null,
          createdAt: null,
          updatedAt: null,
        },
      ],
    };
    const { fetch } = recordingFetch(200, contact);
    const read = await unwrap(
      createFeaturebaseClient({ apiKey: "sk_test_key", fetch }).GET("/v2/contacts/{id}", { params: { path: { id: contact.id } } }),
    );
    expect(read).toEqual(contact);
    expect(read.email).toBeNull();
  });

  // Bodies recorded from the live API, outside the documented envelope (specs/featurebase/README.md).
  it.each([
    [401, { success: false, message: "Invalid API Key" }, AuthenticationError, undefined, "Invalid API Key"],
    [400, { code: 400, message: "Validation error: body.name: Required" }, BadRequestError, undefined, "body.name: Required"],
    [
      404,
      { error: { type: "invalid_request_error", code: "contact_not_found", message: "Contact not found" } },
      NotFoundError,
      "contact_not_found",
      "Contact not found",
    ],
  ])("maps the live %i body %j to its ApiError subclass with the message", async (status, body, ErrorClass, code, message) => {
    const { fetch } = recordingFetch(status, body);
    const error = await unwrap(createFeaturebaseClient({ apiKey: "sk_test_key", fetch, maxRetries: 0 }).GET("/v2/contacts")).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status, code, body, message: expect.stringContaining(message) });
  });
});

import { describe, expect, it } from "vitest";
import { NotFoundError, PermissionDeniedError, unwrap } from "../../src/core/index.js";
import { createKareClient, type KareClientOptions } from "../../src/kare/index.js";
import { kareVendor } from "../../src/kare/vendor.js";

const TOKEN = "org-token-unit";
const SESSION = "session-token-unit";

/** A fetch that records requests and answers each with `status` and `body`. */
function fakeFetch(status = 200, body: unknown = { data: [], totalCount: 0, pagination: { page: 1, pageSize: 50 } }) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };
  return { requests, fetch };
}

function create(options: Record<string, unknown>) {
  return () => createKareClient(options as unknown as KareClientOptions);
}

describe("createKareClient: construction", () => {
  it("throws a TypeError naming token when it is missing or empty", () => {
    expect(create({ sessionToken: SESSION })).toThrow(/options\.token must be a non-empty string, got undefined/);
    expect(create({ token: "  ", sessionToken: SESSION })).toThrow(/options\.token must be a non-empty string, got an empty string/);
  });

  it("throws a TypeError naming sessionToken when it is empty", () => {
    expect(create({ token: TOKEN, sessionToken: "" })).toThrow(/options\.sessionToken must be a non-empty string/);
  });

  it("throws a TypeError naming both shapes when given neither sessionToken nor credentials", () => {
    expect(create({ token: TOKEN })).toThrow(
      /neither options\.sessionToken nor options\.email and options\.password .*\{ token, sessionToken \}.*\{ token, email, password \}/,
    );
  });

  it("throws a TypeError naming the options when given both a sessionToken and credentials, without showing them", () => {
    const make = create({ token: TOKEN, sessionToken: SESSION, email: "a@example.com", password: "pw-secret-1" });
    expect(make).toThrow(TypeError);
    expect(make).toThrow(/options\.sessionToken and options\.email\/options\.password were all given/);
    const message = (() => {
      try {
        make();
      } catch (e) {
        return String((e as Error).message);
      }
      return "";
    })();
    for (const secret of [TOKEN, SESSION, "pw-secret-1"]) expect(message).not.toContain(secret);
  });

  it("throws a TypeError naming password when only the email is given, and email when only the password is", () => {
    expect(create({ token: TOKEN, email: "a@example.com" })).toThrow(/options\.password must be a non-empty string/);
    expect(create({ token: TOKEN, password: "pw-long-enough" })).toThrow(/options\.email must be a non-empty string/);
  });

  it("rejects mixed or incomplete auth options at compile time", () => {
    // @ts-expect-error ready tokens and credentials are exclusive
    expect(() => createKareClient({ token: TOKEN, sessionToken: SESSION, email: "a@example.com", password: "pw-long-enough" })).toThrow(
      TypeError,
    );
    // @ts-expect-error one of the two shapes is required
    expect(() => createKareClient({ token: TOKEN })).toThrow(TypeError);
    // @ts-expect-error credentials need the password
    expect(() => createKareClient({ token: TOKEN, email: "a@example.com" })).toThrow(TypeError);
  });

  it("throws when the options are not an object, or the baseUrl is not absolute https", () => {
    // @ts-expect-error options are required
    expect(() => createKareClient(undefined)).toThrow(/expects an options object/);
    expect(create({ token: TOKEN, sessionToken: SESSION, baseUrl: "/main" })).toThrow(/options\.baseUrl is not an absolute URL/);
    // Nothing of a value that does not parse is quoted: it may be a secret pasted into the wrong option.
    expect(create({ token: TOKEN, sessionToken: SESSION, baseUrl: "/main" })).not.toThrow(/\/main/);
    expect(create({ token: TOKEN, email: "a@example.com", password: "pw-long-enough", baseUrl: "http://kare.example.com" })).toThrow(
      /plain http/,
    );
  });

  it("makes no request at construction, even with credentials", () => {
    const { requests, fetch } = fakeFetch();
    createKareClient({ token: TOKEN, email: "a@example.com", password: "pw-long-enough", fetch });
    expect(requests).toHaveLength(0);
  });
});

describe("createKareClient: requests", () => {
  it("sends the organisation token as Bearer and the session token as X-Session-Token to the /main stage by default", async () => {
    const { requests, fetch } = fakeFetch();
    const client = createKareClient({ token: TOKEN, sessionToken: SESSION, fetch, headers: { "X-Trace": "t1" } });
    await unwrap(client.GET("/companies/v2/rs", { params: { query: { page: 2, pageSize: 10 } } }));
    const [request] = requests;
    expect(request?.url).toBe("https://z52mnqg347.execute-api.eu-west-3.amazonaws.com/main/companies/v2/rs?page=2&pageSize=10");
    expect(request?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers.get("x-session-token")).toBe(SESSION);
    expect(request?.headers.get("x-trace")).toBe("t1");
  });

  it("sends createContacts' body as a JSON array with Content-Type application/json", async () => {
    const { requests, fetch } = fakeFetch(201, { nbInsertion: 2 });
    const client = createKareClient({ token: TOKEN, sessionToken: SESSION, fetch });
    const body = [
      { name: "A", notify: true },
      { name: "B", notify: false, email: null },
    ];
    const result = await unwrap(client.POST("/companies/v2/rs/{companyId}/contacts", { params: { path: { companyId: 42 } }, body }));
    expect(result.nbInsertion).toBe(2);
    expect(new URL(requests[0]?.url ?? "").pathname).toBe("/main/companies/v2/rs/42/contacts");
    expect(requests[0]?.headers.get("content-type")).toBe("application/json");
    expect(await requests[0]?.json()).toEqual(body);
  });

  it("maps an API Gateway { message } body onto the error's message, with no code", async () => {
    const { fetch } = fakeFetch(403, { message: "User is not authorized to access this resource" });
    const client = createKareClient({ token: TOKEN, sessionToken: SESSION, fetch, maxRetries: 0 });
    const error = await unwrap(client.GET("/companies/v2/rs")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, code: undefined, param: undefined });
    expect((error as Error).message).toContain(
      "crm-kit (kare): GET /main/companies/v2/rs returned 403: User is not authorized to access this resource",
    );
  });

  it("redacts the session token from an error body that echoes it", async () => {
    const { fetch } = fakeFetch(404, { message: `No contact 7 for session ${SESSION}` });
    const client = createKareClient({ token: TOKEN, sessionToken: SESSION, fetch, maxRetries: 0 });
    const error = await unwrap(
      client.PATCH("/companies/v2/rs/{companyId}/contacts/{contactId}", {
        params: { path: { companyId: 1, contactId: 7 } },
        body: { notify: true },
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(JSON.stringify(error)).not.toContain(SESSION);
    expect((error as Error).message).toContain("No contact 7 for session [REDACTED]");
  });
});

describe("kareVendor.parseError", () => {
  it("reads message, or API Gateway's capitalised Message, and nothing else", () => {
    expect(kareVendor.parseError({ message: "Unauthorized" })).toEqual({ message: "Unauthorized" });
    expect(kareVendor.parseError({ Message: "explicit deny" })).toEqual({ message: "explicit deny" });
    expect(kareVendor.parseError({ error: "x", code: "E1" })).toEqual({ message: undefined });
  });

  it("returns nothing for bodies that are not objects", () => {
    for (const body of [undefined, null, "<html>502</html>", 42]) expect(kareVendor.parseError(body)).toEqual({});
  });

  it("declares X-Session-Token a secret header", () => {
    expect(kareVendor.secretHeaders).toEqual(["X-Session-Token"]);
  });
});

describe("createKareClient: the login call", () => {
  const LOGIN = "/auth/v1/rs/login/credentials";
  const credentials = { email: "a@example.com", password: "pw-secret-2" };

  it("sends the organisation token without X-Session-Token on login, with ready tokens", async () => {
    const { requests, fetch } = fakeFetch(201, { data: { sessionToken: "session-new" } });
    const client = createKareClient({ token: TOKEN, sessionToken: SESSION, fetch });
    await unwrap(client.POST(LOGIN, { body: credentials }));
    await unwrap(client.GET("/companies/v2/rs"));
    const [login, list] = requests;
    expect(login?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(login?.headers.has("x-session-token")).toBe(false);
    expect(list?.headers.get("x-session-token")).toBe(SESSION);
  });

  it("sends a login call as is with credentials: no lazy login first, no X-Session-Token", async () => {
    const { requests, fetch } = fakeFetch(201, { data: { sessionToken: "session-new" } });
    const client = createKareClient({ token: TOKEN, ...credentials, fetch });
    await unwrap(client.POST(LOGIN, { body: credentials }));
    expect(requests).toHaveLength(1);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(requests[0]?.headers.has("x-session-token")).toBe(false);
  });

  it("lets a 401 on the login call surface without logging in to renew it", async () => {
    const { requests, fetch } = fakeFetch(401, { message: "Unauthorized" });
    const client = createKareClient({ token: TOKEN, ...credentials, fetch });
    const { response } = await client.POST(LOGIN, { body: credentials });
    expect(response.status).toBe(401);
    expect(requests).toHaveLength(1);
  });
});

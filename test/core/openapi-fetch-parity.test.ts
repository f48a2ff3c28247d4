import { describe, expect, it } from "vitest";
import { both, clientPair, type Init, jsonResponse, type Sent } from "./helpers/parity.js";

/**
 * A crm-kit client promises to behave like an openapi-fetch client: the same request on the wire and the same
 * `{ data, error, response }` for each kind of response. Each test makes one call on a bare openapi-fetch client and
 * on a crm-kit client and compares what each sent and returned; openapi-fetch is the oracle.
 *
 * Where crm-kit differs on purpose, parity is not asserted: it refuses a missing or empty path parameter (and a "."
 * or ".." one) with a TypeError instead of sending "{id}"; it retries 5xx and network failures (these clients have
 * maxRetries 0); it adds Authorization per attempt (the bare client is given the same header); it redacts secrets in
 * error bodies (the bodies here hold none); it follows redirects itself (so the Request's `redirect` is not
 * compared); a 2xx body that is not JSON is a ResponseParseError rather than a SyntaxError; a vendor's own
 * querySerializer (folk's two-level filters) replaces openapi-fetch's default.
 */

const ok = () => jsonResponse(200, { id: "c1" });

async function sentBy(
  init: Init,
  path = "/companies",
  method = "GET",
  headers?: Record<string, string>,
): Promise<{ bare: Sent; kit: Sent }> {
  const outcome = await both(clientPair(ok, headers), (client) => client.request(method, path, init));
  expect(outcome.kit.outcome).toEqual(outcome.bare.outcome);
  expect(outcome.bare.sent).toHaveLength(1);
  expect(outcome.kit.sent).toHaveLength(1);
  return { bare: outcome.bare.sent[0]!, kit: outcome.kit.sent[0]! };
}

describe("openapi-fetch parity: the URL", () => {
  const values = { primitive: "a b/c", array: ["x y", "z"], object: { r: "1 0", g: "2" } };
  for (const template of ["{id}", "{id*}", "{.id}", "{.id*}", "{;id}", "{;id*}"]) {
    for (const [kind, value] of Object.entries(values)) {
      it(`serializes a ${kind} path parameter in ${template} as openapi-fetch does`, async () => {
        const { bare, kit } = await sentBy({ params: { path: { id: value } } }, `/things/${template}/x`);
        expect(bare.url).not.toContain("{");
        expect(kit.url).toBe(bare.url);
      });
    }
  }

  it("serializes several path parameters and a query together", async () => {
    const { bare, kit } = await sentBy(
      { params: { path: { id: "c 1", contactId: "p/2" }, query: { limit: 5 } } },
      "/companies/{id}/contacts/{contactId}",
    );
    expect(bare.url).toContain("?limit=5");
    expect(kit.url).toBe(bare.url);
  });

  it("serializes arrays, objects, empty and null values in the query with openapi-fetch's defaults", async () => {
    const query = { tags: ["a b", "c&d"], filter: { name: "Acme & Co", size: 3 }, empty: [], none: null, gone: undefined, q: "x=y" };
    const { bare, kit } = await sentBy({ params: { query } });
    expect(bare.url).toContain("filter[name]=");
    expect(kit.url).toBe(bare.url);
  });

  it("honours a per-call querySerializer options object", async () => {
    const querySerializer = {
      array: { style: "pipeDelimited", explode: false },
      object: { style: "form", explode: false },
      allowReserved: true,
    };
    const query = { tags: ["a", "b/c"], filter: { name: "x/y", size: 3 }, q: "?&" };
    const { bare, kit } = await sentBy({ params: { query }, querySerializer });
    expect(bare.url).toContain("tags=a|b/c");
    expect(kit.url).toBe(bare.url);
  });

  it("honours a per-call querySerializer function, a leading '?' included", async () => {
    const querySerializer = (query: Record<string, unknown>) => `?${Object.keys(query).sort().join("+")}`;
    const { bare, kit } = await sentBy({ params: { query: { b: 1, a: 2 } }, querySerializer });
    expect(bare.url).toBe("https://api.acme.test/v1/companies?a+b");
    expect(kit.url).toBe(bare.url);
  });

  it("sends a call's baseUrl, its trailing slash removed", async () => {
    const { bare, kit } = await sentBy({ baseUrl: "https://eu.acme.test/v2/" });
    expect(bare.url).toBe("https://eu.acme.test/v2/companies");
    expect(kit.url).toBe(bare.url);
  });

  for (const method of ["GET", "PUT", "POST", "DELETE", "OPTIONS", "PATCH", "delete"]) {
    it(`sends the method ${method} as openapi-fetch does`, async () => {
      const { bare, kit } = await sentBy({}, "/companies", method);
      expect(bare.method).toBe(method.toUpperCase());
      expect(kit.method).toBe(bare.method);
    });
  }
});

describe("openapi-fetch parity: headers and body", () => {
  it("merges client headers, a call's headers (null removes one) and params.header", async () => {
    const init = {
      headers: { "X-Client": "call", "X-Gone": null, "X-Call": ["a", "b"] },
      params: { header: { "X-Param": "p", "X-Call": "last" } },
    };
    const { bare, kit } = await sentBy(init, "/companies", "GET", { "X-Client": "client", "X-Gone": "g", "X-Kept": "k" });
    expect(bare.headers).toContainEqual(["x-client", "call"]);
    expect(bare.headers.map(([name]) => name)).not.toContain("x-gone");
    expect(kit.headers).toEqual(bare.headers);
  });

  it("sends no Content-Type and no body without a body", async () => {
    const { bare, kit } = await sentBy({}, "/companies", "DELETE");
    expect(bare.headers.map(([name]) => name)).not.toContain("content-type");
    expect(kit).toEqual(bare);
  });

  it("sends a JSON body with Content-Type application/json", async () => {
    const { bare, kit } = await sentBy({ body: { name: "Acme", tags: ["a"], domain: null } }, "/companies", "POST");
    expect(bare.headers).toContainEqual(["content-type", "application/json"]);
    expect(kit).toEqual(bare);
  });

  it("lets a call's Content-Type replace the JSON one", async () => {
    const { bare, kit } = await sentBy(
      { body: { name: "Acme" }, headers: { "Content-Type": "application/merge-patch+json" } },
      "/companies",
      "PATCH",
    );
    expect(kit).toEqual(bare);
  });

  it("sends a null body and a falsy body as JSON", async () => {
    for (const body of [null, 0, "", false]) {
      const { bare, kit } = await sentBy({ body }, "/companies", "POST");
      expect(bare.hasBody).toBe(true);
      expect(kit).toEqual(bare);
    }
  });

  it("form-encodes a body sent with Content-Type application/x-www-form-urlencoded", async () => {
    const init = { body: { name: "Acme & Co", size: "3" }, headers: { "Content-Type": "application/x-www-form-urlencoded" } };
    const { bare, kit } = await sentBy(init, "/companies", "POST");
    expect(bare.body).toBe("name=Acme+%26+Co&size=3");
    expect(kit).toEqual(bare);
  });

  it("sends FormData as multipart with its own boundary", async () => {
    const { bare, kit } = await sentBy({ body: formData() }, "/companies", "POST");
    expect(bare.headers).toContainEqual(["content-type", "multipart/form-data; boundary=BOUNDARY"]);
    expect(kit).toEqual(bare);
  });

  it("sends what a call's bodySerializer returns", async () => {
    const bodySerializer = (body: unknown) => `<${JSON.stringify(body)}>`;
    const { bare, kit } = await sentBy({ body: { a: 1 }, bodySerializer }, "/companies", "POST");
    expect(bare.body).toBe('<{"a":1}>');
    expect(kit).toEqual(bare);
  });

  it("carries fetch options of a call (cache, credentials, keepalive, …) on the Request", async () => {
    const init = {
      cache: "no-store",
      credentials: "omit",
      keepalive: true,
      mode: "same-origin",
      referrerPolicy: "no-referrer",
      integrity: "sha256-x",
    };
    const { bare, kit } = await sentBy(init);
    expect(bare.options).toMatchObject({ cache: "no-store", keepalive: true });
    expect(kit.options).toEqual(bare.options);
  });
});

function formData(): FormData {
  const form = new FormData();
  form.append("name", "Acme");
  form.append("logo", new Blob(["PNG"], { type: "image/png" }), "logo.png");
  return form;
}

describe("openapi-fetch parity: the result", () => {
  const cases: [string, string, Init, () => Response][] = [
    ["2xx JSON", "GET", {}, () => jsonResponse(200, { id: "c1", tags: ["a"] })],
    ["2xx JSON with Content-Length", "GET", {}, () => jsonResponse(201, { id: "c1" }, { "content-length": "11" })],
    ["2xx empty with Content-Length 0", "GET", {}, () => new Response("", { status: 200, headers: { "content-length": "0" } })],
    ["2xx empty without Content-Length", "GET", {}, () => new Response("", { status: 200 })],
    ["2xx chunked with Content-Length 0", "GET", {}, () => chunked('{"id":"c1"}')],
    ["204", "DELETE", {}, () => new Response(null, { status: 204 })],
    ["HEAD", "HEAD", {}, () => new Response(null, { status: 200, headers: { "content-length": "42" } })],
    ["2xx as text", "GET", { parseAs: "text" }, () => jsonResponse(200, { id: "c1" })],
    ["2xx as blob", "GET", { parseAs: "blob" }, () => new Response("bytes", { headers: { "content-type": "image/png" } })],
    ["2xx as arrayBuffer", "GET", { parseAs: "arrayBuffer" }, () => new Response(new Uint8Array([0, 1, 255]))],
    ["2xx as stream", "GET", { parseAs: "stream" }, () => new Response("streamed")],
    ["204 as text", "DELETE", { parseAs: "text" }, () => new Response(null, { status: 204 })],
    ["non-2xx JSON", "GET", {}, () => jsonResponse(404, { error: { code: "not_found", message: "No such company" } })],
    ["non-2xx JSON read as text", "GET", { parseAs: "text" }, () => jsonResponse(409, { error: { code: "conflict" } })],
    ["non-2xx text", "GET", {}, () => new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" })],
    ["non-2xx empty with Content-Length 0", "GET", {}, () => new Response("", { status: 400, headers: { "content-length": "0" } })],
    ["non-2xx empty without Content-Length", "GET", {}, () => new Response("", { status: 404 })],
    ["non-2xx HEAD", "HEAD", {}, () => new Response(null, { status: 404 })],
    ["3xx without Location", "GET", {}, () => new Response("moved", { status: 300 })],
  ];
  for (const [name, method, init, respond] of cases) {
    it(`returns what openapi-fetch returns for a ${name} response`, async () => {
      const { bare, kit } = await both(clientPair(respond), (client) => client.request(method, "/companies", init));
      expect(bare.outcome).toHaveProperty("result");
      expect(kit.outcome).toEqual(bare.outcome);
    });
  }
});

/** A 200 whose body is sent chunked, with a (contradictory) Content-Length of 0 that openapi-fetch ignores. */
function chunked(text: string): Response {
  return new Response(text, { status: 200, headers: { "content-length": "0", "transfer-encoding": "chunked" } });
}

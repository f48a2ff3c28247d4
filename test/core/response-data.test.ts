/**
 * How a 2xx body becomes `data`: the transport reads JSON bodies inside the attempt's timeout and the client parses
 * them, while a caller's own parseAs and any middleware see what openapi-fetch documents.
 */
import { describe, expect, it } from "vitest";
import { type CommonClientOptions, ResponseParseError } from "../../src/core/index.js";
import { rebuildResponse } from "../../src/core/response-body.js";
import { type AuthStrategy, bearerAuth, createCrmClient } from "../../src/core/vendor-kit.js";
import type { paths } from "./fixtures/paths.js";
import { API_KEY, testVendor } from "./fixtures/vendor.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";

const company = { id: "c1", name: "Acme" };

function setup(
  respond: (request: Request, call: number) => Response | Promise<Response>,
  options: CommonClientOptions = {},
  auth: AuthStrategy = bearerAuth(API_KEY),
) {
  const fake = fakeFetch(respond);
  const api = createCrmClient<paths>(testVendor, { fetch: fake.fetch, retry: { baseDelayMs: 1, maxDelayMs: 2 }, ...options }, auth);
  return { api, fake };
}

describe("2xx JSON bodies", () => {
  it("parses the body into data and returns the response with its headers as received", async () => {
    const { api } = setup(() => json(200, company, { "x-request-id": "req_1" }));
    const { data, response } = await api.GET("/companies/{id}", { params: { path: { id: "c1" } } });
    expect(data).toEqual(company);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("req_1");
  });

  it("gives data: undefined for an empty 200, a 200 with content-length 0 and a 204", async () => {
    const { api } = setup((_r, call) =>
      call === 1
        ? new Response("", { status: 200 })
        : call === 2
          ? new Response("", { status: 200, headers: { "content-length": "0", "content-type": "application/json" } })
          : new Response(null, { status: 204 }),
    );
    expect((await api.GET("/companies")).data).toBeUndefined();
    expect((await api.GET("/companies")).data).toBeUndefined();
    expect((await api.DELETE("/companies/{id}", { params: { path: { id: "c1" } } })).data).toBeUndefined();
  });

  it("throws ResponseParseError with the status, text and content type for a 200 with invalid JSON", async () => {
    const { api, fake } = setup(() => new Response("<html>maintenance</html>", { status: 200, headers: { "content-type": "text/html" } }));
    const error = await api.GET("/companies").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).toMatchObject({ status: 200, text: "<html>maintenance</html>", contentType: "text/html", method: "GET" });
    expect(fake.requests).toHaveLength(1);
  });

  it("parses the body of the response after a 401 renewal, not the 401's", async () => {
    let renewals = 0;
    const auth: AuthStrategy = {
      authorize: (headers) => headers.set("Authorization", `Bearer ${API_KEY}`),
      renew: async () => {
        renewals += 1;
        return renewals === 1;
      },
      secrets: () => [API_KEY],
    };
    const { api } = setup(
      (_r, call) => (call === 1 ? json(401, { error: { code: "expired" } }) : new Response(null, { status: 204 })),
      {},
      auth,
    );
    const { data, response } = await api.DELETE("/companies/{id}", { params: { path: { id: "c1" } } });
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
  });
});

describe("a caller's parseAs", () => {
  const body = JSON.stringify(company);
  const respond = () => new Response(body, { status: 200, headers: { "content-type": "application/json" } });

  it("returns the unread body stream for parseAs: stream", async () => {
    const { api } = setup(respond);
    const { data } = await api.GET("/companies", { parseAs: "stream" });
    expect(data).toBeInstanceOf(ReadableStream);
    expect(await new Response(data as ReadableStream).text()).toBe(body);
  });

  it("returns a Blob for parseAs: blob and an ArrayBuffer for parseAs: arrayBuffer", async () => {
    const { api } = setup(respond);
    const blob = (await api.GET("/companies", { parseAs: "blob" })).data;
    expect(blob).toBeInstanceOf(Blob);
    expect(await (blob as Blob).text()).toBe(body);
    const buffer = (await api.GET("/companies", { parseAs: "arrayBuffer" })).data;
    expect(buffer).toBeInstanceOf(ArrayBuffer);
    expect(new TextDecoder().decode(buffer as ArrayBuffer)).toBe(body);
  });

  it("returns invalid JSON as text for parseAs: text, without ResponseParseError", async () => {
    const { api } = setup(() => new Response('{"id":', { status: 200, headers: { "content-type": "application/json" } }));
    const { data } = await api.GET("/companies", { parseAs: "text" });
    expect(data).toBe('{"id":');
  });
});

describe("middleware and response bodies", () => {
  it("lets onResponse middleware read the body and still parses data", async () => {
    const { api } = setup(() => json(200, company));
    const seen: unknown[] = [];
    api.use({ onResponse: async ({ response }) => void seen.push(await response.clone().json()) });
    const { data } = await api.GET("/companies/{id}", { params: { path: { id: "c1" } } });
    expect(seen).toEqual([company]);
    expect(data).toEqual(company);
  });

  it("parses the body of a Response that onResponse middleware returned instead", async () => {
    const { api } = setup(() => json(200, company));
    const renamed = { id: "c1", name: "Renamed" };
    const { data } = await api.GET("/companies/{id}", {
      params: { path: { id: "c1" } },
      middleware: [
        { onResponse: ({ response }) => new Response(JSON.stringify(renamed), { status: response.status, headers: response.headers }) },
      ],
    });
    expect(data).toEqual(renamed);
  });

  it("throws ResponseParseError for invalid JSON while middleware is in use and after it is ejected", async () => {
    const { api } = setup(() => new Response('{"id":', { status: 200, headers: { "content-type": "application/json" } }));
    const middleware = { onResponse: () => undefined };
    api.use(middleware);
    await expect(api.GET("/companies")).rejects.toMatchObject({ name: "ResponseParseError", status: 200, text: '{"id":' });
    api.eject(middleware);
    await expect(api.GET("/companies")).rejects.toMatchObject({ name: "ResponseParseError", status: 200, text: '{"id":' });
  });

  it("honours the signal of a Request that onRequest middleware substituted", async () => {
    const { api, fake } = setup(
      (request) =>
        new Promise<Response>((_resolve, reject) => {
          request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
        }),
      { maxRetries: 0 },
    );
    const controller = new AbortController();
    api.use({ onRequest: ({ request }) => new Request(request, { signal: controller.signal }) });
    setTimeout(() => controller.abort(new Error("cancelled by middleware")), 20);
    await expect(api.GET("/companies")).rejects.toThrow("cancelled by middleware");
    expect(fake.requests).toHaveLength(1);
  });
});

describe("rebuildResponse", () => {
  it("sets content-length to the text's UTF-8 byte count and drops content-encoding", () => {
    const original = new Response("ignored", {
      status: 502,
      statusText: "Bad Gateway",
      headers: { "content-encoding": "gzip", "content-length": "3" },
    });
    const rebuilt = rebuildResponse(original, "é€😀");
    expect(rebuilt.headers.get("content-length")).toBe("9");
    expect(rebuilt.headers.get("content-encoding")).toBeNull();
    expect(rebuilt).toMatchObject({ status: 502, statusText: "Bad Gateway" });
  });
});

import type { Middleware } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { both, clientPair, type Init, jsonResponse, type LooseClient, recordRequest } from "./helpers/parity.js";

/**
 * Middleware on a crm-kit client runs as on an openapi-fetch client: the same callbacks in the same order, the same
 * effect of what each returns, the same errors for what it must not return. openapi-fetch is the oracle.
 *
 * Deliberate differences, not asserted: a Request seen by onRequest has no Authorization yet (crm-kit adds it per
 * attempt, after middleware); a network failure reaches onError, and is thrown, as crm-kit's ConnectionError
 * rather than fetch's TypeError; `options.fetch` is the call's own fetch only.
 */

/** Runs `call` on both clients after `setup` registers middleware on each; `log` collects what middleware saw. */
async function withBoth(
  respond: (request: Request) => Response | Promise<Response>,
  setup: (client: LooseClient, log: string[]) => void,
  call: (client: LooseClient, log: string[]) => Promise<{ data?: unknown; error?: unknown; response: Response }>,
) {
  const logs = { bare: [] as string[], kit: [] as string[] };
  const pair = clientPair(respond);
  setup(pair.bare.client, logs.bare);
  setup(pair.kit.client, logs.kit);
  const outcome = await both(pair, (client) => call(client, client === pair.bare.client ? logs.bare : logs.kit));
  return { ...outcome, logs };
}

const ok = () => jsonResponse(200, { id: "c1" });
const fail = (): Promise<Response> => Promise.reject(new TypeError("fetch failed"));
const get =
  (init: Init = {}) =>
  (client: LooseClient) =>
    client.request("GET", "/companies", init);

/** Middleware that logs each callback as `name.callback`, and otherwise returns `returns[callback]`. */
function logging(name: string, log: string[], returns: Partial<Record<"onRequest" | "onResponse" | "onError", () => unknown>> = {}) {
  return {
    onRequest: () => {
      log.push(`${name}.onRequest`);
      return returns.onRequest?.();
    },
    onResponse: () => {
      log.push(`${name}.onResponse`);
      return returns.onResponse?.();
    },
    onError: () => {
      log.push(`${name}.onError`);
      return returns.onError?.();
    },
  } as Middleware;
}

describe("openapi-fetch parity: middleware", () => {
  it("sends the headers an onRequest sets on the Request", async () => {
    const { bare, kit } = await withBoth(
      ok,
      (client) =>
        client.use({
          onRequest: ({ request }) => {
            request.headers.set("X-Trace", "t1");
            request.headers.delete("accept");
          },
        }),
      (client) => client.request("POST", "/companies", { body: { name: "Acme" }, headers: { Accept: "application/json" } }),
    );
    expect(bare.sent[0]?.headers).toContainEqual(["x-trace", "t1"]);
    expect(kit.sent).toEqual(bare.sent);
    expect(kit.outcome).toEqual(bare.outcome);
  });

  it("sends the new Request an onRequest returns", async () => {
    const replace: Middleware = {
      onRequest: ({ request }) =>
        new Request(`${request.url}?page=2`, {
          method: "PUT",
          headers: { ...Object.fromEntries(request.headers), "X-New": "1" },
          body: "raw",
        }),
    };
    const { bare, kit } = await withBoth(ok, (client) => client.use(replace), get());
    expect(bare.sent[0]).toMatchObject({ method: "PUT", url: "https://api.acme.test/v1/companies?page=2", body: "raw" });
    expect(kit.sent).toEqual(bare.sent);
    expect(kit.outcome).toEqual(bare.outcome);
  });

  it("sends the fetch options of the call, or of the Request an onRequest returns", async () => {
    const { bare, kit } = await withBoth(
      ok,
      (client) => client.use({ onRequest: ({ request }) => new Request(request, { cache: "no-cache", referrerPolicy: "origin" }) }),
      get({ keepalive: true, credentials: "omit", cache: "no-store" }),
    );
    expect(bare.sent[0]?.options).toMatchObject({ keepalive: true, credentials: "omit", cache: "no-cache", referrerPolicy: "origin" });
    expect(kit.sent).toEqual(bare.sent);
  });

  it("answers with the Response an onRequest returns, without fetch or later callbacks", async () => {
    const { bare, kit, logs } = await withBoth(
      ok,
      (client, log) =>
        client.use(logging("a", log), logging("b", log, { onRequest: () => jsonResponse(202, { cached: true }) }), logging("c", log)),
      get(),
    );
    expect(bare.sent).toEqual([]);
    expect(kit.sent).toEqual([]);
    expect(logs.kit).toEqual(logs.bare);
    expect(kit.outcome).toEqual(bare.outcome);
  });

  it("runs onRequest in order and onResponse in reverse, client middleware before the call's", async () => {
    const { bare, kit, logs } = await withBoth(
      ok,
      (client, log) => client.use(logging("a", log), logging("b", log)),
      (client, log) => client.request("GET", "/companies", { middleware: [logging("call", log)] }),
    );
    expect(logs.bare).toEqual(["a.onRequest", "b.onRequest", "call.onRequest", "call.onResponse", "b.onResponse", "a.onResponse"]);
    expect(logs.kit).toEqual(logs.bare);
    expect(kit.outcome).toEqual(bare.outcome);
  });

  it("returns the Response an onResponse substitutes, and earlier middleware's onResponse sees it", async () => {
    const { bare, kit, logs } = await withBoth(
      ok,
      (client, log) =>
        client.use(
          { onResponse: ({ response }) => void log.push(`saw ${response.status}`) },
          { onResponse: () => jsonResponse(418, { replaced: true }) },
        ),
      get(),
    );
    expect(bare.outcome).toMatchObject({ result: { status: 418, error: { replaced: true } } });
    expect(logs.bare).toEqual(["saw 418"]);
    expect(kit.outcome).toEqual(bare.outcome);
    expect(logs.kit).toEqual(logs.bare);
  });

  it("recovers with the Response an onError returns, and runs onResponse on it", async () => {
    const { bare, kit, logs } = await withBoth(
      fail,
      (client, log) =>
        client.use(
          logging("outer", log),
          logging("recovers", log, { onError: () => jsonResponse(200, { fallback: true }) }),
          logging("inner", log),
        ),
      get(),
    );
    expect(bare.outcome).toMatchObject({ result: { data: { fallback: true } } });
    expect(kit.outcome).toEqual(bare.outcome);
    expect(logs.kit).toEqual(logs.bare);
  });

  it("throws the Error an onError returns in place of the failure", async () => {
    const { bare, kit, logs } = await withBoth(
      fail,
      (client, log) => client.use(logging("outer", log), logging("replaces", log, { onError: () => new RangeError("offline") })),
      get(),
    );
    expect(bare.outcome).toEqual({ thrown: { name: "RangeError", message: "offline" } });
    expect(kit.outcome).toEqual(bare.outcome);
    expect(logs.kit).toEqual(logs.bare);
  });

  it("hands onRequest the same schemaPath, params and options", async () => {
    const seen = new Map<LooseClient, unknown>();
    const init = { params: { path: { id: "c1" }, query: { expand: "contacts" } }, parseAs: "text", baseUrl: "https://eu.acme.test/" };
    const { bare, kit } = await withBoth(
      ok,
      (client) =>
        client.use({
          onRequest: async ({ schemaPath, params, options, id, request }) => {
            const { baseUrl, parseAs } = options;
            const sent = await recordRequest(request);
            // Authorization is added by crm-kit after middleware (see above).
            const headers = sent.headers.filter(([name]) => name !== "authorization");
            seen.set(client, { schemaPath, params, baseUrl, parseAs, idType: typeof id, url: sent.url, method: sent.method, headers });
          },
        }),
      (client) => client.request("GET", "/companies/{id}", init),
    );
    const [bareSeen, kitSeen] = [...seen.values()];
    expect(bareSeen).toMatchObject({ schemaPath: "/companies/{id}", baseUrl: "https://eu.acme.test", parseAs: "text" });
    expect(kitSeen).toEqual(bareSeen);
    expect(kit.outcome).toEqual(bare.outcome);
  });
});

describe("openapi-fetch parity: middleware that returns what it must not", () => {
  const cases: [string, Middleware, () => Response | Promise<Response>][] = [
    ["onRequest returns a plain object", { onRequest: () => ({ url: "/x" }) as never }, ok],
    ["onRequest returns a string", { onRequest: () => "x" as never }, ok],
    ["onResponse returns a plain object", { onResponse: () => ({ status: 200 }) as never }, ok],
    ["onError returns a string", { onError: () => "offline" as never }, fail],
  ];
  for (const [name, middleware, respond] of cases) {
    it(`throws openapi-fetch's Error when ${name}`, async () => {
      const { bare, kit } = await withBoth(respond, (client) => client.use(middleware), get());
      expect(bare.outcome).toMatchObject({ thrown: { name: "Error" } });
      expect(kit.outcome).toEqual(bare.outcome);
    });
  }

  it("refuses the same middleware in use(), with the same message", () => {
    const pair = clientPair(ok);
    const refusal = (client: LooseClient) => {
      try {
        client.use({ onRequestt: () => undefined } as never);
      } catch (error) {
        return (error as Error).message;
      }
      return "accepted";
    };
    expect(refusal(pair.bare.client)).toMatch(/^Middleware must be/);
    expect(refusal(pair.kit.client)).toBe(refusal(pair.bare.client));
  });
});

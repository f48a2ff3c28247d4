import createClient, { type Middleware } from "openapi-fetch";
import { bearerAuth, createCrmClient } from "../../../src/core/vendor-kit.js";
import { API_KEY, testVendor } from "../fixtures/vendor.js";

/**
 * Runs one call through a bare openapi-fetch client (the oracle) and through a crm-kit client, each with a fetch
 * that records the Request it is given, and returns what each sent and what each call came back with.
 */

export const BASE_URL = "https://api.acme.test/v1";

export type Init = Record<string, unknown>;
export type Result = { data?: unknown; error?: unknown; response: Response };

/** The part of both clients' surface these tests use, untyped so that any path and option can be passed. */
export interface LooseClient {
  request(method: string, path: string, init?: Init): Promise<Result>;
  use(...middleware: Middleware[]): void;
}

/** A request as it reached fetch. */
export interface Sent {
  method: string;
  url: string;
  /** Header name/value pairs, lower-case and sorted; a multipart boundary is replaced by "BOUNDARY". */
  headers: [string, string][];
  /** The body bytes as text ("" when there is none), with the multipart boundary replaced. */
  body: string;
  hasBody: boolean;
  /** Fetch options carried on the Request. */
  options: Record<string, unknown>;
}

export interface Side {
  client: LooseClient;
  sent: Sent[];
}

/** A bare openapi-fetch client and a crm-kit client, both answering every fetch with `respond`. */
export function clientPair(
  respond: (request: Request) => Response | Promise<Response>,
  headers?: Record<string, string>,
): {
  bare: Side;
  kit: Side;
} {
  const side = (): { sent: Sent[]; fetch: (request: Request) => Promise<Response> } => {
    const sent: Sent[] = [];
    return {
      sent,
      async fetch(request) {
        sent.push(await recordRequest(request));
        return respond(request);
      },
    };
  };
  const bare = side();
  const kit = side();
  // The bare client is given the header crm-kit's bearerAuth adds, so that the headers sent compare whole.
  const bareClient = createClient({ baseUrl: BASE_URL, fetch: bare.fetch, headers: { ...headers, Authorization: `Bearer ${API_KEY}` } });
  // maxRetries 0: crm-kit retries 5xx and network failures (deliberately); openapi-fetch makes one attempt.
  const kitClient = createCrmClient(testVendor, { baseUrl: BASE_URL, fetch: kit.fetch, headers, maxRetries: 0 }, bearerAuth(API_KEY));
  return {
    bare: { client: bareClient as unknown as LooseClient, sent: bare.sent },
    kit: { client: kitClient as unknown as LooseClient, sent: kit.sent },
  };
}

export async function recordRequest(request: Request): Promise<Sent> {
  const body = request.body === null ? "" : await request.clone().text();
  const boundary = /boundary=(.+)$/.exec(request.headers.get("content-type") ?? "")?.[1];
  const unbound = (text: string) => (boundary === undefined ? text : text.replaceAll(boundary, "BOUNDARY"));
  return {
    method: request.method,
    url: request.url,
    headers: [...request.headers].map(([name, value]): [string, string] => [name, unbound(value)]).sort(),
    body: unbound(body),
    hasBody: request.body !== null,
    options: {
      cache: request.cache,
      credentials: request.credentials,
      integrity: request.integrity,
      keepalive: request.keepalive,
      mode: request.mode,
      referrerPolicy: request.referrerPolicy,
    },
  };
}

/**
 * What a caller can observe of a result: its keys, data and error (bodies read to text or bytes), the status.
 * Not compared: whether `response.bodyUsed`. crm-kit reads a body inside the attempt's timeout, so it reads a
 * declared-empty one openapi-fetch leaves alone, and hands a call with middleware a re-readable copy of a JSON body.
 */
export async function observe(result: Result): Promise<Record<string, unknown>> {
  return {
    keys: Object.keys(result).sort(),
    data: await readable(result.data),
    error: await readable(result.error),
    status: result.response.status,
    statusText: result.response.statusText,
  };
}

async function readable(value: unknown): Promise<unknown> {
  if (value instanceof Blob) return { blob: value.type, text: await value.text() };
  if (value instanceof ArrayBuffer) return { arrayBuffer: [...new Uint8Array(value)] };
  if (value instanceof ReadableStream) return { stream: await new Response(value).text() };
  return value;
}

/** What a call came back with: the observed result, or the name and message of what it threw. */
export async function settle(call: Promise<Result>): Promise<Record<string, unknown>> {
  try {
    return { result: await observe(await call) };
  } catch (error) {
    return { thrown: { name: (error as Error).name, message: (error as Error).message } };
  }
}

/** Makes the same call on both clients; returns each side's requests sent and settled outcome. */
export async function both(
  pair: { bare: Side; kit: Side },
  call: (client: LooseClient) => Promise<Result>,
): Promise<{ bare: { sent: Sent[]; outcome: Record<string, unknown> }; kit: { sent: Sent[]; outcome: Record<string, unknown> } }> {
  const bareOutcome = await settle(call(pair.bare.client));
  const kitOutcome = await settle(call(pair.kit.client));
  return { bare: { sent: pair.bare.sent, outcome: bareOutcome }, kit: { sent: pair.kit.sent, outcome: kitOutcome } };
}

/** A JSON Response; `init.headers` are added to its content type. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

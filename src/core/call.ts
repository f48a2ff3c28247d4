import {
  createFinalURL,
  createQuerySerializer,
  defaultBodySerializer,
  type Middleware,
  mergeHeaders,
  type QuerySerializerOptions,
  removeTrailingSlash,
} from "openapi-fetch";
import { fileFailedCall } from "./call-record.js";
import { ResponseParseError } from "./errors.js";
import { assertHeadersInit } from "./headers.js";
import { withMiddleware } from "./middleware.js";
import { checkCallOptions, hasCallOptions } from "./options.js";
import { withPathParams } from "./path.js";
import { hasNoContent, readUntilAborted, streamUntilAborted } from "./response-body.js";
import type { Policy } from "./retry-policy.js";
import type { Delivered, Outgoing, Transport } from "./transport.js";

export type FetchFn = (input: Request) => Promise<Response>;
export type RawResult = { data?: unknown; error?: unknown; response: Response };

/** What every call of one client (and of the clients withOptions() makes from it) is built from. */
export interface ClientParts {
  transport: Transport;
  baseUrl: string;
  /** The client's headers, under a call's own. */
  headers: Record<string, string>;
  pathSerializer: (pathname: string, params: Record<string, unknown>) => string;
  querySerializer: (query: Record<string, unknown>) => string;
  /** The middleware registered with use(), in order; a call's own `middleware` runs after it. */
  middleware: Middleware[];
}

type Params = { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: unknown };

/**
 * One call: the request built the way openapi-fetch builds it (its URL, query, body and header helpers), sent by the
 * transport, and the result shaped as openapi-fetch shapes it (`{ data, response }` or `{ error, response }`).
 */
export async function invoke(
  parts: ClientParts,
  policy: Policy,
  method: string,
  path: string,
  init: Record<string, unknown> = {},
): Promise<RawResult> {
  const { transport } = parts;
  const where = `${method} ${path}`;
  const checked = hasCallOptions(init) ? checkCallOptions(init, transport.vendor.name, where, policy) : undefined;
  // A call's own timeoutMs, maxRetries and retry, over the client's.
  const callPolicy = checked?.policy ?? policy;
  // Checked before they are merged: Headers would throw a TypeError quoting the (maybe secret) value.
  if (init.headers != null) assertHeadersInit(init.headers, `headers of ${where}`);
  const params = (withPathParams(path, init.params) ?? {}) as Params;
  if (params.header != null) assertHeadersInit(params.header, `params.header of ${where}`);
  const parseAs = typeof init.parseAs === "string" ? init.parseAs : "json";

  const querySerializer =
    typeof init.querySerializer === "function"
      ? (init.querySerializer as ClientParts["querySerializer"])
      : init.querySerializer !== undefined
        ? createQuerySerializer(init.querySerializer as QuerySerializerOptions)
        : parts.querySerializer;
  const baseUrl = checked?.baseUrl === undefined ? parts.baseUrl : removeTrailingSlash(checked.baseUrl);
  const url = createFinalURL(path, { baseUrl, params, querySerializer, pathSerializer: parts.pathSerializer });
  // openapi-fetch's serializer also reads the headers (a form Content-Type makes it form-encode); its types omit them.
  const bodySerializer = (init.bodySerializer ?? defaultBodySerializer) as (body: unknown, headers: Headers) => unknown;
  const body =
    init.body === undefined
      ? undefined
      : bodySerializer(init.body, mergeHeaders(parts.headers, init.headers as never, params.header as never));
  // With no body there is no Content-Type; FormData sets its own, with the boundary.
  const contentType = body === undefined || body instanceof FormData ? undefined : { "Content-Type": "application/json" };
  const outgoing: Outgoing = {
    method,
    url,
    headers: mergeHeaders(contentType, parts.headers, init.headers as never, params.header as never),
    body: body === undefined || body === null ? null : isResendable(body) ? body : new Response(body as BodyInit).body,
    redirect: (init.redirect as RequestRedirect | undefined) ?? "follow",
    path,
    idempotent: transport.vendor.idempotentOperations?.has(where) === true,
    signal: (init.signal ?? undefined) as AbortSignal | undefined,
    // Only a call that passes more than params, body and headers can carry fetch options.
    fetchOptions: checked === undefined ? undefined : fetchOptionsOf(init),
  };
  // What the platform fetch would refuse is refused here, at once, as openapi-fetch's Request refuses it: inside
  // an attempt it would look like a network failure and be retried. Only calls that can be refused pay for it.
  if (outgoing.fetchOptions !== undefined || (outgoing.body !== null && (method === "GET" || method === "HEAD"))) {
    new Request(url, { ...outgoing.fetchOptions, method, headers: outgoing.headers, body: outgoing.body === null ? null : "" });
  }
  const fetch = typeof init.fetch === "function" ? (init.fetch as FetchFn) : undefined;
  const callMiddleware = init.middleware as Middleware[] | undefined;
  const middleware = callMiddleware?.length ? [...parts.middleware, ...callMiddleware] : parts.middleware;

  let delivered: Delivered;
  if (middleware.length === 0) {
    delivered = await transport.send(outgoing, callPolicy, { json: parseAs === "json", keepBody: false }, fetch);
  } else {
    const options = { baseUrl, fetch, parseAs, querySerializer, bodySerializer, pathSerializer: parts.pathSerializer };
    delivered = await withMiddleware(middleware, { outgoing, params, options }, (sent) =>
      transport.send(sent, callPolicy, { json: parseAs === "json", keepBody: true }, fetch),
    );
  }
  return shapeResult(delivered, outgoing, parseAs, transport);
}

/** The result openapi-fetch would return for `delivered`; a non-2xx body is redacted and the call filed for unwrap(). */
async function shapeResult(delivered: Delivered, outgoing: Outgoing, parseAs: string, transport: Transport): Promise<RawResult> {
  const { response } = delivered;
  const empty = hasNoContent(response, outgoing.method);
  if (response.ok) {
    if (empty) return { data: undefined, response };
    if (parseAs === "json") return { data: parseJson(await textOf(delivered), response, outgoing, transport), response };
    // The caller's signal bounds the read of a body the transport left unread, whatever parseAs.
    if (parseAs === "stream") return { data: streamUntilAborted(response.body, outgoing.signal), response };
    return { data: await readUntilAborted(response, parseAs as "text" | "blob" | "arrayBuffer", outgoing.signal), response };
  }
  let error: unknown;
  if (!empty) {
    const text = await textOf(delivered);
    try {
      error = JSON.parse(text);
    } catch {
      error = text;
    }
  }
  // The vendor's error body may echo a credential; the caller gets it with every string redacted, as on ApiError.
  fileFailedCall(response, { vendor: transport.vendor, method: outgoing.method, url: outgoing.url, secrets: transport.secrets() });
  return { error: transport.redactor().value(error), response };
}

/** The body text the transport read, or else the response's own. */
function textOf({ response, text }: Delivered): Promise<string> | string {
  return text ?? response.text();
}

/**
 * A 2xx JSON body parsed: undefined when empty, as in openapi-fetch; text that is not JSON is a ResponseParseError
 * carrying the status, the content type and the (redacted) text.
 */
function parseJson(text: string, response: Response, outgoing: Outgoing, transport: Transport): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ResponseParseError({
      vendor: transport.vendor.name,
      method: outgoing.method,
      url: outgoing.url,
      status: response.status,
      text,
      contentType: response.headers.get("content-type"),
      cause: error,
      secrets: transport.secrets(),
    });
  }
}

// The call options openapi-fetch takes apart; every other one is part of the Request's init.
const NOT_REQUEST_INIT = new Set([
  "timeoutMs",
  "maxRetries",
  "retry",
  "baseUrl",
  "fetch",
  "Request",
  "headers",
  "params",
  "parseAs",
  "querySerializer",
  "bodySerializer",
  "pathSerializer",
  "body",
  "middleware",
  "signal",
]);

/** The options of a call that are fetch options, which openapi-fetch puts in the Request's init. */
function fetchOptionsOf(init: Record<string, unknown>): RequestInit & Record<string, unknown> {
  const options: RequestInit & Record<string, unknown> = {};
  for (const key in init) if (!NOT_REQUEST_INIT.has(key)) options[key] = init[key];
  return options;
}

/**
 * Whether every attempt can send `body` again: what the body serializers return (a JSON or form string, FormData)
 * can. Anything else a custom serializer returns (a stream) goes to the transport as a stream, which reads it once,
 * under the first attempt's timeout.
 */
function isResendable(body: unknown): body is BodyInit {
  return (
    typeof body === "string" ||
    body instanceof FormData ||
    body instanceof URLSearchParams ||
    body instanceof Blob ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body)
  );
}

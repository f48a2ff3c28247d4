import type { Middleware, MiddlewareCallbackParams } from "openapi-fetch";
import { whenAborted } from "./attempt-signal.js";
import type { Delivered, Outgoing } from "./transport.js";

/** What a call hands its middleware, as openapi-fetch hands it. */
export interface MiddlewareCall {
  /** The request; its fetch options go on the Request, as openapi-fetch puts them. */
  outgoing: Outgoing;
  params: Record<string, unknown>;
  options: Record<string, unknown>;
}

// The fetch options a Request carries that its init can set again.
const REQUEST_FETCH_OPTIONS = ["cache", "credentials", "integrity", "keepalive", "mode", "referrerPolicy"] as const;

/** The fetch options of the Request the middleware left (it may have replaced the call's), over the call's others. */
function fetchOptionsOfRequest(request: Request, callOptions: RequestInit | undefined): RequestInit {
  const options: Record<string, unknown> = { ...callOptions };
  for (const key of REQUEST_FETCH_OPTIONS) options[key] = request[key];
  return options;
}

/**
 * Runs a call through openapi-fetch-style middleware: each `onRequest` in order (it may replace the Request or answer
 * with a Response), then `send`, then each `onError` (when sending threw) or `onResponse` in reverse order. Middleware
 * sees a Request, so only calls with middleware build one; the Request it leaves is what is sent.
 */
export async function withMiddleware(
  middleware: readonly Middleware[],
  call: MiddlewareCall,
  send: (outgoing: Outgoing) => Promise<Delivered>,
): Promise<Delivered> {
  const { outgoing } = call;
  const init: RequestInit & Record<string, unknown> = { redirect: "follow", ...outgoing.fetchOptions };
  let request = new Request(outgoing.url, { ...init, method: outgoing.method, headers: outgoing.headers, body: outgoing.body });
  // As openapi-fetch does: options a Request has no field for ride on it as properties, for middleware to read.
  for (const key in init) if (!(key in request)) (request as unknown as Record<string, unknown>)[key] = init[key];
  const context = {
    schemaPath: outgoing.path,
    params: call.params,
    options: Object.freeze(call.options) as MiddlewareCallbackParams["options"],
    // openapi-fetch's form of id: a random string that tells one call's callbacks from another's.
    id: Math.random().toString(36).slice(2, 11),
  };
  for (const m of middleware) {
    if (typeof m?.onRequest !== "function") continue;
    const result = await m.onRequest({ ...context, request });
    if (result instanceof Response) return { response: result, text: undefined };
    if (result instanceof Request) request = result;
    else if (result) throw new Error("onRequest: must return new Request() or Response() when modifying the request");
  }
  let delivered: Delivered | undefined;
  try {
    delivered = await sendRequest(request, outgoing, send);
  } catch (error) {
    let failure: unknown = error;
    for (const m of [...middleware].reverse()) {
      if (typeof m?.onError !== "function") continue;
      const result: unknown = await m.onError({ ...context, request, error: failure });
      if (result instanceof Response) {
        // A recovery is a response like any other: every onResponse sees it, as in openapi-fetch.
        delivered = { response: result, text: undefined };
        break;
      }
      if (result instanceof Error) failure = result;
      else if (result) throw new Error("onError: must return new Response() or instance of Error");
    }
    if (delivered === undefined) throw failure;
  }
  for (const m of [...middleware].reverse()) {
    if (typeof m?.onResponse !== "function") continue;
    const result = await m.onResponse({ ...context, request, response: delivered.response });
    if (result instanceof Response) delivered = { response: result, text: undefined };
    else if (result) throw new Error("onResponse: must return new Response() when modifying the response");
  }
  return delivered;
}

/**
 * Sends the Request the middleware left, under a signal that aborts when the caller's signal or the Request's does:
 * middleware may have put a signal of its own on the Request it returned.
 */
async function sendRequest(request: Request, outgoing: Outgoing, send: (outgoing: Outgoing) => Promise<Delivered>): Promise<Delivered> {
  const controller = new AbortController();
  const signals = [outgoing.signal, request.signal];
  const stops = signals.map((signal) => (signal === undefined ? undefined : whenAborted(signal, () => controller.abort(signal.reason))));
  for (const signal of signals) if (signal?.aborted) controller.abort(signal.reason);
  try {
    return await send({
      method: request.method,
      url: request.url,
      headers: request.headers,
      // A stream: the transport reads it once, under the first attempt's timeout, so every attempt sends the same bytes.
      body: request.body,
      redirect: request.redirect,
      path: outgoing.path,
      idempotent: outgoing.idempotent,
      signal: controller.signal,
      fetchOptions: fetchOptionsOfRequest(request, outgoing.fetchOptions),
    });
  } finally {
    for (const stop of stops) stop?.();
  }
}

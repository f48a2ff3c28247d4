// Statuses whose Response must have a null body (the Response constructor throws otherwise).
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
// TextEncoder counts UTF-8 bytes in browsers as well as in Node, so the core also runs in a browser bundle.
const utf8 = new TextEncoder();

/**
 * Whether a response has no content for the caller, by openapi-fetch's rule: a 204, the answer to a HEAD, or a
 * `Content-Length: 0` that is not chunked. Its result's `data` (or `error`) is undefined and its body is not read.
 */
export function hasNoContent(response: Response, method: string): boolean {
  const { headers, status } = response;
  return (
    status === 204 || method === "HEAD" || (headers.get("content-length") === "0" && !headers.get("transfer-encoding")?.includes("chunked"))
  );
}

/**
 * Whether the transport reads the body itself, inside the attempt's timeout: error bodies (small, and needed
 * whole for ApiError) and bodies to be parsed as JSON (so that a stalled body times out and invalid JSON can be
 * reported with its text). Streams, blobs and text are left to the caller, and so is a body there is none of.
 */
export function shouldBuffer(response: Response, method: string, json: boolean): boolean {
  if (hasNoContent(response, method) || NULL_BODY_STATUSES.has(response.status) || response.body === null) return false;
  return !response.ok || json;
}

/** A fresh Response carrying the already-read text, with the original status, headers and URL. */
export function rebuildResponse(original: Response, text: string): Response {
  const headers = new Headers(original.headers);
  // The text is decoded; the original encoding and length no longer describe it.
  headers.delete("content-encoding");
  headers.set("content-length", String(utf8.encode(text).byteLength));
  const rebuilt = new Response(text, { status: original.status, statusText: original.statusText, headers });
  Object.defineProperty(rebuilt, "url", { value: original.url });
  return rebuilt;
}

/**
 * Releases an unread body so its connection returns to the pool. Not awaited: a body that never finishes may also
 * never finish cancelling, and nothing after this point needs it; errors are irrelevant.
 */
export function discardBody(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

/**
 * Reads a body the call returns as text, a Blob or an ArrayBuffer, bounded by the caller's signal: when it aborts
 * first, the body is cancelled and the read rejects with its reason, rather than waiting on a stalled body for good.
 */
export async function readUntilAborted(
  response: Response,
  parseAs: "text" | "blob" | "arrayBuffer",
  signal: AbortSignal | undefined,
): Promise<unknown> {
  if (signal === undefined || response.body === null) return response[parseAs]();
  signal.throwIfAborted();
  // The same bytes through a stream that errors when the signal aborts; the headers keep the Blob's type.
  const bounded = new Response(streamUntilAborted(response.body, signal), { headers: response.headers });
  try {
    return await bounded[parseAs]();
  } catch (error) {
    throw signal.aborted ? signal.reason : error;
  }
}

/**
 * A body returned as a stream (`parseAs: "stream"`), which the caller reads after the call: with a signal, a
 * stream that errors with the signal's reason when it aborts (the response's body is cancelled), so that a read
 * of a stalled body ends too.
 */
export function streamUntilAborted(
  body: ReadableStream<Uint8Array> | null,
  signal: AbortSignal | undefined,
): ReadableStream<Uint8Array> | null {
  if (body === null || signal === undefined) return body;
  return body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>(), { signal });
}

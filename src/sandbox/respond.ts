/** A sandbox's reply as a fetch Response, and the waits an injected failure adds, each ended by the call's signal. */
import type { AnyReply } from "./types.js";

/** The reply as a Response; with `stallUntil`, its body sends the first half and then waits for that signal. */
export function toResponse(reply: AnyReply, stallUntil?: AbortSignal): Response {
  const headers = new Headers(reply.headers);
  const text = reply.body === undefined ? "" : JSON.stringify(reply.body);
  if (reply.body !== undefined) headers.set("content-type", "application/json");
  if (stallUntil) return new Response(stalledBody(text, stallUntil), { status: reply.status, headers });
  return new Response(reply.body === undefined ? null : text, { status: reply.status, headers });
}

/** A body that sends the first half of `text` and never the rest: it errors when `signal` aborts. */
function stalledBody(text: string, signal: AbortSignal): ReadableStream<Uint8Array> {
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text.slice(0, Math.ceil(text.length / 2))));
      stop = () => controller.error(signal.reason);
      if (signal.aborted) stop();
      else signal.addEventListener("abort", stop, { once: true });
    },
    cancel() {
      signal.removeEventListener("abort", stop);
    },
  });
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts (clearing the timer). */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", abort);
      resolve();
    }, ms);
    signal.addEventListener("abort", abort, { once: true });
  });
}

/**
 * A caller's signal bounds the read of the body whatever parseAs: text, blob and arrayBuffer bodies (read by the
 * call) and a stream (read by the caller afterwards) end with the signal's reason when it aborts mid-body.
 */
import { describe, expect, it } from "vitest";
import { bearerAuth, createCrmClient } from "../../src/core/vendor-kit.js";
import type { paths } from "./fixtures/paths.js";
import { API_KEY, testVendor } from "./fixtures/vendor.js";

/** A 200 whose body sends a first chunk and then stalls, with a way to see that it was cancelled. */
function stalledBody(): { response: Response; cancelled: Promise<unknown> } {
  let cancel: (reason: unknown) => void = () => undefined;
  const cancelled = new Promise<unknown>((resolve) => {
    cancel = resolve;
  });
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(new TextEncoder().encode("first half")),
    cancel: (reason) => cancel(reason),
  });
  return { response: new Response(body, { status: 200, headers: { "content-type": "text/plain" } }), cancelled };
}

function client(response: Response) {
  return createCrmClient<paths>(testVendor, { fetch: async () => response, maxRetries: 0 }, bearerAuth(API_KEY));
}

describe("a caller's signal and the body read", () => {
  it.each(["text", "blob", "arrayBuffer"] as const)("ends a %s read of a stalled body with the signal's reason", async (parseAs) => {
    const { response, cancelled } = stalledBody();
    const controller = new AbortController();
    const call = client(response).GET("/companies", { parseAs, signal: controller.signal });
    const reason = new Error("sync cancelled");
    setTimeout(() => controller.abort(reason), 10);
    await expect(call).rejects.toBe(reason);
    await expect(cancelled).resolves.toBe(reason);
  });

  it("errors a returned stream with the signal's reason when it aborts mid-body", async () => {
    const { response } = stalledBody();
    const controller = new AbortController();
    const { data } = await client(response).GET("/companies", { parseAs: "stream", signal: controller.signal });
    const reader = (data as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("first half");
    const reason = new Error("sync cancelled");
    const pending = reader.read();
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it("reads a whole body as before, and leaves no listener on a shared signal", async () => {
    const controller = new AbortController();
    let listeners = 0;
    const signal = controller.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => {
      listeners += 1;
      add(...args);
    }) as typeof add;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      listeners -= 1;
      remove(...args);
    }) as typeof remove;
    const { data } = await client(new Response("whole body")).GET("/companies", { parseAs: "text", signal });
    expect(data).toBe("whole body");
    expect(listeners).toBe(0);
  });
});

import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { bearerAuth, createCrmClient } from "../../src/core/vendor-kit.js";
import type { paths } from "./fixtures/paths.js";
import { API_KEY, testVendor } from "./fixtures/vendor.js";
import { json } from "./helpers/fake-fetch.js";

const warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);
process.on("warning", onWarning);
afterEach(() => {
  warnings.length = 0;
});

describe("one caller signal shared by many calls", () => {
  // 2,000 calls take about a second here; the timeout allows for a machine several times slower and busy.
  it("adds no lasting listener and no MaxListenersExceededWarning over 2,000 calls", { timeout: 30_000 }, async () => {
    const controller = new AbortController();
    const fetch = async () => json(200, { data: [], nextCursor: null });
    const api = createCrmClient<paths>(testVendor, { baseUrl: "https://api.acme.test", fetch }, bearerAuth(API_KEY));
    // Concurrent batches keep many Requests alive at once, as a sync with one AbortController does.
    for (let batch = 0; batch < 10; batch += 1) {
      await Promise.all(Array.from({ length: 200 }, () => api.GET("/companies", { signal: controller.signal })));
    }
    // Node reports the warning on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning").map((w) => w.message)).toEqual([]);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("still aborts every call in flight when the shared signal aborts", async () => {
    const controller = new AbortController();
    const fetch = (input: Request) =>
      new Promise<Response>((_resolve, reject) => input.signal.addEventListener("abort", () => reject(input.signal.reason)));
    const api = createCrmClient<paths>(testVendor, { baseUrl: "https://api.acme.test", fetch }, bearerAuth(API_KEY));
    const calls = Array.from({ length: 20 }, () => api.GET("/companies", { signal: controller.signal }).catch((e: unknown) => e));
    const reason = new Error("sync cancelled");
    controller.abort(reason);
    expect(await Promise.all(calls)).toEqual(Array.from({ length: 20 }, () => reason));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultFetch, honoursAbortSignal } from "../../src/core/platform-fetch.js";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("honoursAbortSignal", () => {
  it("trusts the default fetch and the platform's own fetch to honour their signal", () => {
    expect(honoursAbortSignal(defaultFetch)).toBe(true);
    expect(honoursAbortSignal(globalThis.fetch)).toBe(true);
  });

  it("does not trust a custom fetch, which may ignore its signal", () => {
    expect(honoursAbortSignal((input) => globalThis.fetch(input))).toBe(false);
  });

  it("does not trust the default fetch once globalThis.fetch was replaced, e.g. by a test or instrumentation", () => {
    vi.stubGlobal("fetch", async () => new Response("{}"));
    expect(honoursAbortSignal(defaultFetch)).toBe(false);
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultFetch } from "../../src/core/platform-fetch.js";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("defaultFetch", () => {
  it("uses globalThis.fetch as it is at request time, so a fetch patched after loading is used", async () => {
    vi.stubGlobal("fetch", async () => new Response("patched"));
    expect(await (await defaultFetch(new Request("https://api.acme.test/"))).text()).toBe("patched");
  });
});

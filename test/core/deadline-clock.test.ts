/**
 * Attempt deadlines share one timer (attempt-signal.ts). These are the ways a shared timer could go wrong: a short
 * deadline that joins while a long one is armed must still fire on time, and a client with nothing in flight must
 * not keep the process alive until its last deadline.
 */
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TimeoutError } from "../../src/core/index.js";
import { bearerAuth, createCrmClient } from "../../src/core/vendor-kit.js";
import type { paths } from "./fixtures/paths.js";
import { API_KEY, testVendor } from "./fixtures/vendor.js";
import { type FaultServer, startFaultServer } from "./helpers/fault-server.js";
import { timed } from "./helpers/timed.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});

const client = (timeoutMs: number) =>
  createCrmClient<paths>(testVendor, { baseUrl: server.url, timeoutMs, maxRetries: 0 }, bearerAuth(API_KEY));

describe("the shared deadline timer", () => {
  it("times out a short attempt on time while a long one is in flight", { timeout: 60_000 }, async () => {
    server.reset(() => undefined); // never answers
    const patient = new AbortController();
    const long = client(30_000).GET("/companies", { signal: patient.signal });
    long.catch(() => undefined);
    // Armed for the long deadline first; the short one must re-arm it. A broken clock would wait the 30 s.
    const short = await timed(client(300).GET("/companies"));
    patient.abort();
    expect(short.error).toBeInstanceOf(TimeoutError);
    expect(short.ms).toBeLessThan(10_000);
    await expect(long).rejects.toMatchObject({ name: "AbortError" });
  });

  it("times out each of many concurrent attempts with different deadlines, shortest first", { timeout: 60_000 }, async () => {
    server.reset(() => undefined);
    const order: number[] = [];
    const timeouts = [2_300, 300, 1_300];
    await Promise.all(
      timeouts.map((ms) =>
        client(ms)
          .GET("/companies")
          .catch((error: unknown) => {
            expect(error).toBeInstanceOf(TimeoutError);
            order.push(ms);
          }),
      ),
    );
    expect(order).toEqual([300, 1_300, 2_300]);
  });

  it("does not keep a process alive after its last call, however long the timeout", { timeout: 120_000 }, async () => {
    server.reset((_req, res) => res.end("{}"));
    // One call with a 10-minute timeout, then nothing: the process must end on its own, long before the deadline.
    const script = `
      const { bearerAuth, createCrmClient } = await import(${JSON.stringify(new URL("../../src/core/vendor-kit.ts", import.meta.url).href)});
      const vendor = { name: "acme", defaultBaseUrl: ${JSON.stringify(server.url)}, parseError: () => ({}) };
      const api = createCrmClient(vendor, { baseUrl: ${JSON.stringify(server.url)}, timeoutMs: 600000 }, bearerAuth("sk_test_0123456789"));
      const { response } = await api.GET("/companies");
      console.log(response.status);
    `;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    const killer = setTimeout(() => child.kill("SIGKILL"), 100_000);
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    clearTimeout(killer);
    expect(output.trim()).toBe("200");
    expect(code).toBe(0);
  });
});

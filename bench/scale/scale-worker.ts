/**
 * One API's scale run, in its own process (`node --expose-gc --import tsx bench/scale/scale-worker.ts <api> <count>`)
 * so that its heap is measured alone: `count` creates through `sandbox.fetch`, in process, each timed by blocks of
 * 1,000, and the heap after a full garbage collection before and after. Prints one JSON line (ScaleRun).
 */
import { createSandbox, type Sandbox, type SandboxApi } from "../../src/sandbox/index.js";

export interface ScaleRun {
  api: string;
  /** What was created, e.g. "POST /v2/companies". */
  operation: string;
  count: number;
  totalMs: number;
  /** Wall time of each block of 1,000 creates, in order. */
  blockMs: number[];
  /** Heap used after a full collection, in bytes, before the first create and after the last. */
  heapBeforeBytes: number;
  heapAfterBytes: number;
}

const BLOCK = 1_000;
const json = { "content-type": "application/json", authorization: "Bearer bench_sandbox_key" };

interface Workload {
  operation: string;
  /** Logs in where the vendor needs a session; returns the headers of every create. */
  start(sandbox: Sandbox): Promise<Record<string, string>>;
  create(i: number): { path: string; body: unknown };
}

const WORKLOADS: Record<SandboxApi, Workload> = {
  featurebase: {
    operation: "POST /v2/companies",
    start: async () => json,
    create: (i) => ({ path: "/v2/companies", body: { companyId: `bench-${i}`, name: `Company ${i}` } }),
  },
  folk: {
    operation: "POST /v1/companies",
    start: async () => json,
    // Unique names: each create checks that no company has it.
    create: (i) => ({ path: "/v1/companies", body: { name: `Company ${i}` } }),
  },
  emnify: {
    operation: "POST /api/v1/organisation/{org_id}/contact",
    start: async (sandbox) => {
      const answer = await post(sandbox, "/api/v1/authenticate", { application_token: "bench-application-token" }, json);
      return { "content-type": "application/json", authorization: `Bearer ${(answer as { auth_token: string }).auth_token}` };
    },
    create: (i) => ({ path: "/api/v1/organisation/1234/contact", body: { type: { id: 1 }, name: `Contact ${i}` } }),
  },
  kare: {
    operation: "POST /companies/v2/rs/{companyId}/contacts",
    start: async (sandbox) => {
      const answer = await post(sandbox, "/auth/v1/rs/login/credentials", { email: "bench@example.com", password: "bench-password" }, json);
      return { ...json, "x-session-token": (answer as { data: { sessionToken: string } }).data.sessionToken };
    },
    create: (i) => ({ path: "/companies/v2/rs/42/contacts", body: [{ name: `Contact ${i}`, notify: false }] }),
  },
};

async function post(sandbox: Sandbox, path: string, body: unknown, headers: Record<string, string>): Promise<unknown> {
  const response = await sandbox.fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
  if (response.status >= 300) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

function heapAfterCollection(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with node --expose-gc: the heap is measured after a full collection");
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function run(api: SandboxApi, count: number): Promise<ScaleRun> {
  const workload = WORKLOADS[api];
  const sandbox = createSandbox(api, { seed: api === "emnify" || api === "kare" });
  const headers = await workload.start(sandbox);
  // One create first, so that the validator of the operation is compiled before the heap is read.
  await post(sandbox, workload.create(-1).path, workload.create(-1).body, headers);
  const heapBeforeBytes = heapAfterCollection();
  const blockMs: number[] = [];
  const started = performance.now();
  for (let block = 0; block * BLOCK < count; block += 1) {
    const blockStart = performance.now();
    for (let i = block * BLOCK; i < Math.min(count, (block + 1) * BLOCK); i += 1) {
      const { path, body } = workload.create(i);
      await post(sandbox, path, body, headers);
    }
    blockMs.push(performance.now() - blockStart);
  }
  const totalMs = performance.now() - started;
  const heapAfterBytes = heapAfterCollection();
  // Read back so the sandbox (and what it holds) is alive until after the heap was measured.
  if (sandbox.calls.length === 0) throw new Error("the sandbox recorded no call");
  return { api, operation: workload.operation, count, totalMs, blockMs, heapBeforeBytes, heapAfterBytes };
}

const [api, countArg] = process.argv.slice(2);
if (!api || !Object.hasOwn(WORKLOADS, api)) throw new Error(`usage: scale-worker.ts <${Object.keys(WORKLOADS).join("|")}> [count]`);
console.log(JSON.stringify(await run(api as SandboxApi, Number(countArg ?? 100_000))));

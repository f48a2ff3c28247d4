/**
 * Pacing: throughput against a sandbox served over HTTP that applies the same limit as the client (what fraction of
 * the limit a burst gets, and how many 429s), and what the pacer costs per call when no limit is near.
 */
import { Pacer } from "../../src/core/pacing.js";
import { createFolkClient } from "../../src/folk/index.js";
import { createSandbox } from "../../src/sandbox/index.js";
import { type Summary, summarize } from "../lib/stats.js";
import { startBenchServer } from "../overhead/bench-server.js";
import { interleave } from "../overhead/interleave.js";
import { VENDOR_CASES } from "../overhead/vendors.js";

/** A burst may take at most 1 / this of the time the limit allows. */
export const THROUGHPUT_TARGET = 0.95;
/** The pacer may cost at most this fraction of a GET when no limit is near. */
export const PACER_COST_TARGET = 0.02;

export interface BurstResult {
  name: string;
  calls: number;
  limit: number;
  windowMs: number;
  /** (ceil(calls / limit) - 1) windows: the least time the limit allows. */
  allowedMs: number;
  elapsedMs: number;
  /** allowedMs / elapsedMs. */
  fraction: number;
  rejected: number;
  /** Whether the figure is held to THROUGHPUT_TARGET, or shown for what it tells. */
  target: boolean;
  pass: boolean;
}

export interface PacingResult {
  bursts: BurstResult[];
  /** In-process cost of one turn (acquire + release) with a limit far away, in µs. */
  turnMicros: number;
  /** A folk GET over HTTP, unpaced and paced (limit far away), interleaved. */
  unpaced: Summary;
  paced: Summary;
  /** turnMicros / the unpaced GET median. */
  costFraction: number;
  pass: boolean;
}

/** Fires `calls` creates at once at a folk sandbox served over HTTP, sandbox and client on the same limit. */
async function burst(
  name: string,
  calls: number,
  rateLimit: "documented" | { limit: number; windowMs: number },
  target = true,
): Promise<BurstResult> {
  const { limit, windowMs } = rateLimit === "documented" ? { limit: 200, windowMs: 60_000 } : rateLimit;
  const sandbox = createSandbox("folk", { rateLimit, seed: false });
  const server = await sandbox.listen();
  try {
    const folk = createFolkClient({ apiKey: "folk_bench_key", baseUrl: server.url, rateLimit, maxRetries: 5 });
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: calls }, (_, i) => folk.POST("/v1/companies", { body: { name: `Company ${i}` } })),
    );
    const elapsedMs = performance.now() - started;
    const failed = results.filter((r) => !r.response.ok);
    if (failed.length > 0) throw new Error(`${name}: ${failed.length} creates failed (first: HTTP ${failed[0]?.response.status})`);
    const rejected = sandbox.calls.filter((call) => call.status === 429).length;
    const allowedMs = (Math.ceil(calls / limit) - 1) * windowMs;
    const fraction = allowedMs / elapsedMs;
    return {
      name,
      calls,
      limit,
      windowMs,
      allowedMs,
      elapsedMs,
      fraction,
      rejected,
      target,
      pass: rejected === 0 && (!target || fraction >= THROUGHPUT_TARGET),
    };
  } finally {
    await server.close();
  }
}

/** µs per turn (acquire at once + release) of a pacer whose limit is never near. */
function turnCost(): number {
  const pacer = new Pacer({ rules: [{ limit: 1_000_000_000, windowMs: 60_000 }] });
  const ticket = { operation: "GET /v1/companies/{companyId}" };
  const outcome = { status: 200, headers: new Headers() };
  const run = (n: number) => {
    for (let i = 0; i < n; i += 1) pacer.tryAcquire(ticket)?.release(outcome);
  };
  run(20_000); // warm-up
  const n = 200_000;
  const started = performance.now();
  run(n);
  return ((performance.now() - started) * 1000) / n;
}

export async function measurePacing(): Promise<PacingResult> {
  const folkCase = VENDOR_CASES.find((v) => v.api === "folk");
  if (!folkCase) throw new Error("bench: no folk case in bench/overhead/vendors.ts");
  const server = await startBenchServer({ routes: { [`GET ${folkCase.get.path}`]: JSON.stringify({ data: {} }) } });
  let unpaced: Summary;
  let paced: Summary;
  try {
    const samples = await interleave(
      [
        { name: "unpaced", run: await folkCase.crmKit(server.url) },
        { name: "paced", run: await folkCase.crmKit(server.url, { rateLimit: { limit: 1_000_000_000, windowMs: 60_000 } }) },
      ],
      { warmup: 300, rounds: 40, batch: 50 },
    );
    unpaced = summarize(samples.get("unpaced") as number[]);
    paced = summarize(samples.get("paced") as number[]);
  } finally {
    await server.stop();
  }
  const turnMicros = turnCost();
  const costFraction = turnMicros / (unpaced.median * 1000);
  const bursts = [
    await burst("20 per 2 s, 100 creates", 100, { limit: 20, windowMs: 2_000 }),
    // Not a target: a one-second window shows what counting from each answer costs (one call's latency a window).
    await burst("100 per 1 s, 1,000 creates", 1_000, { limit: 100, windowMs: 1_000 }, false),
    await burst("folk documented (200 a minute), 250 creates", 250, "documented"),
  ];
  return { bursts, turnMicros, unpaced, paced, costFraction, pass: costFraction <= PACER_COST_TARGET };
}

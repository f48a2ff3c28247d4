/**
 * Two processes sharing one budget through Redis: a real redis-server, one folk sandbox served over HTTP with the
 * same limit (it answers 429 past it), and two worker processes (shared-limit-worker.ts) that fire half the
 * creates each, at once, through clients paced by `redisRateLimiter` on one key. A burst of n calls needs at
 * least ⌈n / limit⌉ − 1 windows (the first `limit` go at once); throughput is that time over the time taken.
 * Targets: ≥ 95 % of the limit's throughput, 0 × 429.
 */

import { startRedis } from "../../scripts/lib/redis-server.js";
import { createSandbox } from "../../src/sandbox/index.js";
import { runCommand } from "../lib/run-command.js";
import type { WorkerRun } from "./shared-limit-worker.js";

export const SHARED_THROUGHPUT_TARGET = 0.95;

export interface SharedLimitSettings {
  limit: number;
  windowMs: number;
  /** Calls in all, split between the processes. */
  calls: number;
  processes: number;
}

export interface SharedLimitResult extends SharedLimitSettings {
  /** From the first call fired to the last answer, over every process. */
  elapsedMs: number;
  /** What the limit allows at best: (⌈calls / limit⌉ − 1) × windowMs. */
  allowedMs: number;
  /** allowedMs / elapsedMs. */
  throughput: number;
  statuses: Record<string, number>;
  tooMany: number;
  pass: boolean;
}

export const BENCH_SHARED_LIMIT: SharedLimitSettings = { limit: 50, windowMs: 10_000, calls: 300, processes: 2 };

/**
 * Compiles the sandbox's request handling (its validators are built once per process, on first use) on a
 * throwaway in-process sandbox, so that the run measures the pacing rather than the first calls' compilation.
 */
async function warmUp(): Promise<void> {
  const sandbox = createSandbox("folk", { seed: false });
  for (let i = 0; i < 20; i++) {
    const response = await sandbox.fetch(
      new Request("https://sandbox.invalid/v1/companies", {
        method: "POST",
        headers: { authorization: "Bearer folk_warm_up", "content-type": "application/json" },
        body: JSON.stringify({ name: `Warm-up ${i}` }),
      }),
    );
    if (!response.ok) throw new Error(`shared-limit warm-up: the folk sandbox answered ${response.status}`);
  }
}

export async function measureSharedLimit(settings: SharedLimitSettings = BENCH_SHARED_LIMIT): Promise<SharedLimitResult> {
  const { limit, windowMs, calls, processes } = settings;
  await warmUp();
  const redis = await startRedis();
  const sandbox = await createSandbox("folk", { rateLimit: { limit, windowMs } })
    .listen()
    .catch(async (error: unknown) => {
      await redis.stop();
      throw error;
    });
  try {
    const key = `bench-${Date.now()}`;
    const share = (i: number) => Math.floor(calls / processes) + (i < calls % processes ? 1 : 0);
    const timeoutMs = Math.ceil(calls / limit) * windowMs * 3 + 120_000;
    const runs = await Promise.all(
      Array.from({ length: processes }, (_, i) =>
        runCommand(
          process.execPath,
          [
            "--import",
            "tsx",
            "bench/redis/shared-limit-worker.ts",
            sandbox.url,
            redis.url,
            key,
            String(share(i)),
            String(limit),
            String(windowMs),
          ],
          timeoutMs,
        ),
      ),
    );
    const workers = runs.map((run, i) => {
      if (run.code !== 0) throw new Error(`shared-limit worker ${i + 1} exited with ${run.code}:\n${run.output}`);
      return JSON.parse(run.output.trim().split("\n").at(-1) ?? "") as WorkerRun;
    });
    const statuses: Record<string, number> = {};
    for (const worker of workers)
      for (const [status, count] of Object.entries(worker.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
    const elapsedMs = Math.max(...workers.map((w) => w.endedAt)) - Math.min(...workers.map((w) => w.startedAt));
    const allowedMs = (Math.ceil(calls / limit) - 1) * windowMs;
    const throughput = allowedMs / elapsedMs;
    const tooMany = statuses["429"] ?? 0;
    return {
      ...settings,
      elapsedMs,
      allowedMs,
      throughput,
      statuses,
      tooMany,
      pass: tooMany === 0 && throughput >= SHARED_THROUGHPUT_TARGET,
    };
  } finally {
    await sandbox.close();
    await redis.stop();
  }
}

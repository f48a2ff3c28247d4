/**
 * One process of the shared-limit run: a folk client paced by `redisRateLimiter` fires its share of creates at
 * once against the sandbox, without retries (a 429 is counted, not hidden), and prints one JSON line.
 *   node --import tsx bench/redis/shared-limit-worker.ts <sandbox url> <redis url> <key> <calls> <limit> <windowMs>
 */
import { createFolkClient } from "../../src/folk/index.js";
import { redisRateLimiter } from "../../src/redis/index.js";
import { createSandbox } from "../../src/sandbox/index.js";

export interface WorkerRun {
  /** Count of answers per HTTP status, e.g. { "200": 100 }. */
  statuses: Record<string, number>;
  /** Epoch ms when the first call was fired and when the last answer arrived. */
  startedAt: number;
  endedAt: number;
}

const [baseUrl, redisUrl, key, calls, limit, windowMs] = process.argv.slice(2);
if (!baseUrl || !redisUrl || !key || !calls || !limit || !windowMs) {
  console.error("usage: shared-limit-worker.ts <sandbox url> <redis url> <key> <calls> <limit> <windowMs>");
  process.exit(2);
}
// Warm-up on a throwaway in-process sandbox, so that the run measures the pacing rather than the first calls' compilation.
const warm = createFolkClient({ apiKey: "folk_warm_up", fetch: createSandbox("folk", { seed: false }).fetch, rateLimit: false });
for (let i = 0; i < 20; i++) await warm.POST("/v1/companies", { body: { name: `Warm-up ${i}` } });

const limiter = redisRateLimiter({ url: redisUrl, key, limit: Number(limit), windowMs: Number(windowMs) });
try {
  const folk = createFolkClient({ apiKey: "folk_shared_limit", baseUrl, rateLimit: limiter, maxRetries: 0 });
  const statuses: Record<string, number> = {};
  const startedAt = Date.now();
  await Promise.all(
    Array.from({ length: Number(calls) }, async (_, i) => {
      const { response } = await folk.POST("/v1/companies", { body: { name: `Shared ${process.pid}-${i}` } });
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }),
  );
  const run: WorkerRun = { statuses, startedAt, endedAt: Date.now() };
  console.log(JSON.stringify(run));
} finally {
  await limiter.close();
}

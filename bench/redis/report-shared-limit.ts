/** The shared-limit section of bench/RESULTS.md (two processes on one Redis limiter) and its targets. */
import type { Measured } from "../report.js";
import { SHARED_THROUGHPUT_TARGET, type SharedLimitResult } from "./measure-shared-limit.js";

export function sharedLimitChecks(run: SharedLimitResult): Array<{ target: string; measured: string; pass: boolean }> {
  return [
    {
      target: `${run.processes} processes sharing Redis: throughput ≥ ${SHARED_THROUGHPUT_TARGET * 100} % of the limit, 0 × 429`,
      measured: `${(run.throughput * 100).toFixed(1)} %, ${run.tooMany} × 429`,
      pass: run.pass,
    },
  ];
}

export function sharedLimitSection(run: Measured<SharedLimitResult>, table: (headers: string[], rows: string[][]) => string): string {
  const r = run.result;
  const rows = [
    [
      String(r.processes),
      `${r.limit} / ${r.windowMs / 1000} s`,
      r.calls.toLocaleString("en"),
      (r.allowedMs / 1000).toFixed(1),
      (r.elapsedMs / 1000).toFixed(1),
      `${(r.throughput * 100).toFixed(1)} %`,
      String(r.tooMany),
      r.pass ? "pass" : "**MISSED**",
    ],
  ];
  return [
    "## Shared rate limit (Redis)",
    "",
    `${r.processes} node processes fire ${r.calls.toLocaleString("en")} folk creates at once, split evenly, through clients paced by \`redisRateLimiter\` on one key of a real redis-server, against one folk sandbox served over HTTP that answers 429 past the same limit (no retries). "Allowed" is the least time the limit permits, (⌈calls / limit⌉ − 1) windows; throughput is allowed over measured, from the first call to the last answer. Load average ${run.load}.`,
    "",
    table(["processes", "limit", "calls", "allowed s", "measured s", "throughput", "429s", "result"], rows),
  ].join("\n");
}

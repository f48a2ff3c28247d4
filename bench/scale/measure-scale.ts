/**
 * Sandbox scale: 100,000 creates per API in process, each API in its own process (scale-worker.ts) so its heap
 * is measured alone. Targets: every API's run under 2 minutes, and its last thousand creates no slower than
 * 1.5× its second (the first holds the warm-up); memory is reported per 10,000 records.
 */
import { runCommand } from "../lib/run-command.js";
import type { ScaleRun } from "./scale-worker.js";

export const SCALE_COUNT = 100_000;
export const SCALE_TARGET_MS = 120_000;
export const SCALE_SLOWDOWN_TARGET = 1.5;
const APIS = ["featurebase", "folk", "emnify", "kare"];

export interface ScaleApiResult extends ScaleRun {
  /** Last block of 1,000 creates over the second. */
  slowdown: number;
  /** Heap growth per 10,000 records, in bytes (the call log's last 10,000 calls included). */
  bytesPer10k: number;
  pass: boolean;
}

export interface ScaleResult {
  apis: ScaleApiResult[];
}

export async function measureScale(count = SCALE_COUNT, apis = APIS): Promise<ScaleResult> {
  const results: ScaleApiResult[] = [];
  for (const api of apis) {
    const run = await runCommand(
      process.execPath,
      ["--expose-gc", "--import", "tsx", "bench/scale/scale-worker.ts", api, String(count)],
      15 * 60_000,
    );
    if (run.code !== 0) throw new Error(`scale-worker ${api} exited with ${run.code}:\n${run.output}`);
    const line = run.output.trim().split("\n").at(-1) ?? "";
    const measured = JSON.parse(line) as ScaleRun;
    const second = measured.blockMs[1] ?? Number.NaN;
    const last = measured.blockMs.at(-1) ?? Number.NaN;
    const slowdown = last / second;
    const bytesPer10k = ((measured.heapAfterBytes - measured.heapBeforeBytes) / measured.count) * 10_000;
    results.push({ ...measured, slowdown, bytesPer10k, pass: measured.totalMs < SCALE_TARGET_MS && slowdown <= SCALE_SLOWDOWN_TARGET });
  }
  return { apis: results };
}

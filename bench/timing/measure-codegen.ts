/**
 * Codegen time: `tsx scripts/generate.ts --check` renders every API's types with openapi-typescript exactly as
 * `npm run generate` does, but compares instead of writing, so the bench leaves generated/ alone. The time of
 * `tsx` running an empty file (process start) is subtracted.
 */

import { runCommand } from "../lib/run-command.js";
import { median } from "../lib/stats.js";

export const CODEGEN_TARGET_MS = 1_000;

export interface CodegenTiming {
  /** Median wall time of the whole command, ms. */
  totalMs: number;
  /** Median wall time of tsx starting and exiting, ms. */
  processStartMs: number;
  /** totalMs - processStartMs. */
  codegenMs: number;
  runs: number;
  /** False when generate --check found stale types (the rendering, which is what is timed, happened anyway). */
  upToDate: boolean;
  pass: boolean;
}

const TSX = "node_modules/.bin/tsx";

export async function measureCodegen(runs = 3): Promise<CodegenTiming> {
  const totals: number[] = [];
  const starts: number[] = [];
  let upToDate = true;
  // Alternated so that load from elsewhere on the machine hits both alike.
  for (let i = 0; i < runs; i += 1) {
    const start = await runCommand(TSX, ["bench/timing/noop.ts"], 60_000);
    if (start.code !== 0) throw new Error(`tsx bench/timing/noop.ts exited with ${start.code}:\n${start.output}`);
    starts.push(start.ms);
    const generate = await runCommand(TSX, ["scripts/generate.ts", "--check"], 120_000);
    // Exit code 1 with the stale-types message means it rendered everything; anything else is a failure.
    if (generate.code !== 0 && !(generate.code === 1 && generate.output.includes("out of date"))) {
      throw new Error(`tsx scripts/generate.ts --check exited with ${generate.code}:\n${generate.output}`);
    }
    upToDate &&= generate.code === 0;
    totals.push(generate.ms);
  }
  const totalMs = median(totals);
  const processStartMs = median(starts);
  const codegenMs = totalMs - processStartMs;
  return { totalMs, processStartMs, codegenMs, runs, upToDate, pass: codegenMs <= CODEGEN_TARGET_MS };
}

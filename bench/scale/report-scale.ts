/** The sandbox-scale section of bench/RESULTS.md and its targets. */
import type { Measured } from "../report.js";
import { SCALE_SLOWDOWN_TARGET, SCALE_TARGET_MS, type ScaleResult } from "./measure-scale.js";

export function scaleChecks(scale: ScaleResult): Array<{ target: string; measured: string; pass: boolean }> {
  return scale.apis.map((a) => ({
    target: `${a.api} sandbox: ${a.count.toLocaleString("en")} creates < ${SCALE_TARGET_MS / 1000} s, last 1,000 ≤ ${SCALE_SLOWDOWN_TARGET}× the second`,
    measured: `${(a.totalMs / 1000).toFixed(1)} s, ${a.slowdown.toFixed(2)}×`,
    pass: a.pass,
  }));
}

export function scaleSection(scale: Measured<ScaleResult>, table: (headers: string[], rows: string[][]) => string): string {
  const rows = scale.result.apis.map((a) => [
    a.api,
    `\`${a.operation}\``,
    a.count.toLocaleString("en"),
    (a.totalMs / 1000).toFixed(1),
    (a.blockMs[1] ?? 0).toFixed(0),
    (a.blockMs.at(-1) ?? 0).toFixed(0),
    `${a.slowdown.toFixed(2)}×`,
    (a.bytesPer10k / 1024 / 1024).toFixed(1),
    a.pass ? "pass" : "**MISSED**",
  ]);
  return [
    "## Sandbox scale",
    "",
    `Creates through \`sandbox.fetch\`, in process, one after another; each API in its own \`node --expose-gc\` process. Memory is the heap growth after a full collection, per 10,000 records (it includes \`sandbox.calls\`, which keeps the last 10,000 calls). Load average ${scale.load}.`,
    "",
    table(["API", "operation", "creates", "total s", "2nd 1,000 ms", "last 1,000 ms", "last / 2nd", "MB per 10,000", "result"], rows),
  ].join("\n");
}

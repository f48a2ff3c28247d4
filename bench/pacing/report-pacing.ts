/** The pacing section of bench/RESULTS.md and its targets. */
import type { Measured } from "../report.js";
import { PACER_COST_TARGET, type PacingResult, THROUGHPUT_TARGET } from "./measure-pacing.js";

export function pacingChecks(pacing: PacingResult): Array<{ target: string; measured: string; pass: boolean }> {
  return [
    ...pacing.bursts.map((b) => ({
      target: `pacing, ${b.name}: ${b.target ? `≥ ${THROUGHPUT_TARGET * 100} % of the limit, ` : ""}0 × 429`,
      measured: `${(b.fraction * 100).toFixed(1)} %, ${b.rejected} × 429`,
      pass: b.pass,
    })),
    {
      target: `pacer cost per call with no limit near ≤ ${PACER_COST_TARGET * 100} % of a GET`,
      measured: `${pacing.turnMicros.toFixed(2)} µs, ${(pacing.costFraction * 100).toFixed(2)} %`,
      pass: pacing.pass,
    },
  ];
}

export function pacingSection(pacing: Measured<PacingResult>, table: (headers: string[], rows: string[][]) => string): string {
  const r = pacing.result;
  const rows = r.bursts.map((b) => [
    b.name,
    `${b.limit} per ${b.windowMs / 1000} s`,
    (b.allowedMs / 1000).toFixed(1),
    (b.elapsedMs / 1000).toFixed(2),
    `${(b.fraction * 100).toFixed(1)} %`,
    String(b.rejected),
    b.pass ? "pass" : "**MISSED**",
  ]);
  const ms = (x: number) => x.toFixed(3);
  return [
    "## Pacing",
    "",
    `Creates fired at once through one folk client at a folk sandbox served over HTTP on loopback, both applying the same limit. "Allowed" is the least time the limit allows, (⌈calls / limit⌉ − 1) windows; the fraction is allowed / elapsed. A call counts in the window from its answer, so each window costs one call's latency: nothing at a vendor's minute, more at one second (that row is shown, not held to the ${THROUGHPUT_TARGET * 100} % target). Load average ${pacing.load}.`,
    "",
    table(["burst", "limit", "allowed s", "elapsed s", "of the limit", "429s", "result"], rows),
    "",
    `What pacing costs when no limit is near: one turn (acquire and release) takes ${r.turnMicros.toFixed(2)} µs in process, ${(r.costFraction * 100).toFixed(2)} % of an unpaced folk GET over HTTP (median ${ms(r.unpaced.median)} ms). The same GET through a client paced to a limit never reached, interleaved with it: median ${ms(r.paced.median)} ms (${((r.paced.median / r.unpaced.median - 1) * 100).toFixed(1)} %, within the run's noise).`,
  ].join("\n");
}

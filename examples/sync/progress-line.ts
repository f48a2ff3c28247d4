/**
 * A progress line for a terminal: on a TTY one line rewritten in place (\r), else one line per event, so that a
 * CI log or a file gets a readable history instead of carriage returns.
 */
import type { Progress } from "../../src/core/index.js";

const count = (n: number) => n.toLocaleString("en-US");

/** A duration as "850 ms", "12.3 s" or "4 min 05 s". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1_000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
}

/** The mean wait, since waits overlap: their sum says little. */
export const meanWait = (p: Progress) => formatDuration(p.waits === 0 ? 0 : p.waitedMs / p.waits);

/** "612/1,000 companies  33.3/s  eta 12.0 s  412 waits (avg 8.1 s)  0 x 429  0 retries" */
export function formatProgress(p: Progress, unit: string): string {
  const finished = p.done + p.failed;
  return [
    `${count(finished)}${p.total === undefined ? "" : `/${count(p.total)}`} ${unit}${p.failed > 0 ? ` (${count(p.failed)} failed)` : ""}`,
    `${p.rate.toFixed(1)}/s`,
    `eta ${p.etaMs === undefined ? "?" : formatDuration(p.etaMs)}`,
    `${count(p.waits)} waits (avg ${meanWait(p)})`,
    `${count(p.rateLimited)} x 429`,
    `${count(p.retries)} retries`,
  ].join("  ");
}

/** An `onProgress` writing to `stream`: on a TTY one line rewritten in place, ended by the last event; else a line per event. */
export function progressLine(stream: NodeJS.WritableStream & { isTTY?: boolean }, unit: string): (p: Progress) => void {
  return (p) => {
    const line = formatProgress(p, unit);
    // \x1b[K clears what a longer earlier line left on the right.
    if (stream.isTTY) stream.write(`\r${line}\x1b[K${p.finished ? "\n" : ""}`);
    else stream.write(`${line}\n`);
  };
}

/** What the figures were measured on; load matters because the machine may be shared. */

import { execFileSync } from "node:child_process";
import os from "node:os";
import { repoRoot } from "../../scripts/lib/api-registry.js";

export interface Machine {
  date: string;
  node: string;
  cpu: string;
  cores: number;
  os: string;
  /** `git describe --always --dirty` of the measured tree, or "unknown". */
  revision: string;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    node: process.version,
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    revision: gitRevision(),
  };
}

/** 1-minute load average, e.g. "2.41" (above the core count, other work competed for the CPU). */
export function loadAverage(): string {
  return (os.loadavg()[0] ?? 0).toFixed(2);
}

function gitRevision(): string {
  try {
    return execFileSync("git", ["describe", "--always", "--dirty"], { cwd: repoRoot, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/api-registry.js";

describe("npm run example", () => {
  it("syncs one company twice, then 1,000 companies at the scaled limits with 0 x 429, printing progress and a summary", async () => {
    // Its stdout is a pipe, not a TTY: progress comes as whole lines, never rewritten with \r.
    const child = spawn(process.execPath, ["--import", "tsx", "examples/sync/run-on-sandboxes.ts"], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      const [code] = await once(child, "exit");
      expect(output).toContain("second run (finds and updates what the first wrote):");
      expect(output).toMatch(/^synced 1,000 of 1,000 companies in [\d.]+ s: 1000 created, 0 updated, 0 unchanged, 0 failed$/m);
      expect(output).toMatch(/^pacing: \d+ calls waited for their turn \(.+ on average\), 0 x 429, 0 retries$/m);
      const lines = output.split("\n").filter((line) => /^[\d,]+\/1,000 companies {2}/.test(line));
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.at(-1)).toMatch(/^1,000\/1,000 companies {2}[\d.]+\/s {2}eta 0 ms {2}\d+ waits \(avg .+\) {2}0 x 429 {2}0 retries$/);
      expect(output).not.toContain("\r");
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 240_000);
});

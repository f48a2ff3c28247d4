import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/api-registry.js";
import { parseUnderLoadArgs } from "../../scripts/test-under-load.js";
import { alive } from "./processes.js";

describe("parseUnderLoadArgs", () => {
  it("runs `npm test` three times beside two loops unless told otherwise", () => {
    expect(parseUnderLoadArgs([])).toEqual({ runs: 3, loops: 2, command: "npm test" });
    expect(parseUnderLoadArgs(["--runs", "1", "--loops", "0", "--command", "npm run test:e2e"])).toEqual({
      runs: 1,
      loops: 0,
      command: "npm run test:e2e",
    });
  });

  it("names the flag and the value that is wrong", () => {
    expect(() => parseUnderLoadArgs(["--runs", "0"])).toThrow(/--runs: "0" is not a whole number from 1 to 64/);
    expect(() => parseUnderLoadArgs(["--loops", "two"])).toThrow(/--loops: "two" is not a whole number/);
    expect(() => parseUnderLoadArgs(["--command", " "])).toThrow(/--command: empty/);
    expect(() => parseUnderLoadArgs(["--fast"])).toThrow(/Unknown option '--fast'[\s\S]*usage: npm run test:under-load/);
  });
});

describe("npm run test:under-load", () => {
  it("stops its busy loops and exits with the failing run's code, after reporting each run", async () => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/test-under-load.ts",
        "--runs",
        "3",
        "--loops",
        "2",
        "--command",
        `"${process.execPath}" -e "process.exit(3)"`,
      ],
      { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      const [code] = await once(child, "exit");
      expect(code).toBe(3);
      expect(output).toMatch(/run 1: FAILED \(exit 3\) in \d+\.\d s/);
      expect(output).not.toContain("run 2:");
      const pids = (/pids ([\d, ]+)\)/.exec(output)?.[1] ?? "").split(", ").map(Number);
      expect(pids).toHaveLength(2);
      expect(pids.filter(alive)).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 120_000);
});

/**
 * `npm run check:api` fails, naming the entry, when the public surface differs from its committed report: run
 * against a copy of api/ in which one report lost a line. (test:e2e runs it against api/ itself, where it passes.)
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/api-registry.js";

const execFileAsync = promisify(execFile);
const reports = mkdtempSync(join(tmpdir(), "crm-kit-api-"));
afterAll(() => rmSync(reports, { recursive: true, force: true }));

describe("check:api", () => {
  it("fails naming crm-kit/folk when its report lacks an export the sources have", async () => {
    cpSync(join(repoRoot, "api"), reports, { recursive: true });
    const folk = join(reports, "crm-kit-folk.api.md");
    const lines = readFileSync(folk, "utf8").split("\n");
    const line = lines.findIndex((l) => l.startsWith("export function createFolkClient"));
    expect(line).toBeGreaterThan(0);
    writeFileSync(folk, [...lines.slice(0, line), ...lines.slice(line + 1)].join("\n"));
    const failure = await execFileAsync("npx", ["tsx", "scripts/check-api.ts", "--reports", reports], { cwd: repoRoot }).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain("check:api: the public surface of crm-kit/folk changed");
    expect(failure?.stderr).not.toContain("surface of crm-kit/kare changed");
  }, 300_000);
});

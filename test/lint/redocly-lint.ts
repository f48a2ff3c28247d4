/** Runs the real `redocly lint` for the lint-rule tests and reads its JSON report. */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../../scripts/lib/api-registry.js";

const run = promisify(execFile);
const redoclyBin = join(dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json")), "bin", "cli.js");

export interface Problem {
  ruleId: string;
  severity: string;
  message: string;
  location: Array<{ source: { ref: string }; pointer: string }>;
}
export interface LintReport {
  totals: { errors: number; warnings: number };
  problems: Problem[];
}

/** Runs `redocly lint --format=json` in the repo root; with several APIs Redocly prints one JSON document per API, back to back. */
export async function lint(...args: string[]): Promise<LintReport[]> {
  const { stdout } = await run(process.execPath, [redoclyBin, "lint", "--format=json", ...args], { cwd: repoRoot }).catch(
    (error: { stdout?: string; stderr?: string }) => {
      if (!error.stdout) throw new Error(`redocly lint failed without a report:\n${error.stderr}`);
      return { stdout: error.stdout };
    },
  );
  return JSON.parse(`[${stdout.replace(/\}\s*\{(?=\s*"totals")/g, "},{")}]`) as LintReport[];
}

/** Each location of a problem as "file #/pointer". */
export const where = (problem: Problem) => problem.location.map((l) => `${l.source.ref} ${l.pointer}`);

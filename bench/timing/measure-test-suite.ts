/**
 * Where the test suite's time goes: `npm test` and `npm run test:e2e`, stage by stage. The stages are read from
 * package.json (each script is a chain of commands joined by `&&`) and run one after another exactly as npm runs
 * them, each timed from spawn to exit; a script's wall time is the sum of its stages. The vitest stages also
 * write a JSON report, from which the slowest test files are taken.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { repoRoot } from "../../scripts/lib/api-registry.js";
import { runCommand } from "../lib/run-command.js";

/** `npm test`, quiet, on the bench machine. */
export const NPM_TEST_TARGET_MS = 45_000;

export interface StageTiming {
  command: string;
  ms: number;
  code: number | null;
  /** The last lines the stage printed, when it failed. */
  failure?: string;
}

export interface ScriptTiming {
  script: string;
  stages: StageTiming[];
  wallMs: number;
  /** True when every stage exited 0 (a stage that failed is reported, and the later ones are not run). */
  passed: boolean;
}

export interface TestFileTiming {
  file: string;
  project: string;
  ms: number;
}

export interface TestSuiteTiming {
  scripts: ScriptTiming[];
  slowestFiles: TestFileTiming[];
  pass: boolean;
}

/** The commands a package.json script chains with `&&`, in order. */
export function scriptStages(scripts: Record<string, string>, name: string): string[] {
  const line = scripts[name];
  if (!line) throw new Error(`package.json has no "${name}" script`);
  if (/\|\||[;|]/.test(line.replaceAll("&&", ""))) throw new Error(`"${name}" is not a plain && chain: ${line}`);
  return line.split("&&").map((stage) => stage.trim());
}

interface VitestJson {
  testResults: Array<{ name: string; startTime: number; endTime: number; assertionResults: Array<{ ancestorTitles: string[] }> }>;
}

/** The files of a vitest JSON report, with the time each took to run (collection excluded, as vitest reports it). */
export function fileTimings(report: VitestJson, projectOf: (file: string) => string): TestFileTiming[] {
  return report.testResults.map((r) => {
    const file = relative(repoRoot, r.name);
    return { file, project: projectOf(file), ms: r.endTime - r.startTime };
  });
}

const STAGE_LIMIT_MS = 15 * 60_000;

export async function measureTestSuite(): Promise<TestSuiteTiming> {
  const { scripts } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const reportDir = join(repoRoot, "reports", "bench");
  mkdirSync(reportDir, { recursive: true });
  const files: TestFileTiming[] = [];
  const timings: ScriptTiming[] = [];
  for (const script of ["test", "test:e2e"]) {
    const stages: StageTiming[] = [];
    for (const [index, command] of scriptStages(scripts, script).entries()) {
      const vitest = /^vitest run\b/.test(command);
      const reportPath = join(reportDir, `${script.replace(":", "-")}-${index}.json`);
      const run = await runCommand(
        "sh",
        ["-c", vitest ? `${command} --reporter=default --reporter=json --outputFile=${reportPath}` : command],
        STAGE_LIMIT_MS,
      );
      const failure = run.code === 0 ? undefined : run.output.trimEnd().split("\n").slice(-15).join("\n");
      stages.push({ command, ms: run.ms, code: run.code, ...(failure ? { failure } : {}) });
      if (vitest && run.code !== null) {
        const report = JSON.parse(readFileSync(reportPath, "utf8")) as VitestJson;
        const project = (file: string) => (file.startsWith("contract-tests/") ? "contract" : script === "test:e2e" ? "e2e" : "unit");
        files.push(...fileTimings(report, project));
      }
      if (run.code !== 0) break;
    }
    const wallMs = stages.reduce((sum, s) => sum + s.ms, 0);
    timings.push({
      script,
      stages,
      wallMs,
      passed: stages.every((s) => s.code === 0) && stages.length === scriptStages(scripts, script).length,
    });
  }
  const npmTest = timings[0] as ScriptTiming;
  return {
    scripts: timings,
    slowestFiles: files.sort((a, b) => b.ms - a.ms).slice(0, 10),
    pass: npmTest.passed && npmTest.wallMs <= NPM_TEST_TARGET_MS,
  };
}

/**
 * Where the test suite's time goes: `npm test` and `npm run test:e2e`, stage by stage. The stages are read from
 * package.json (each script is a chain of commands joined by `&&`) and run one after another exactly as npm runs
 * them, each timed from spawn to exit; a script's wall time is the sum of its stages. A stage that runs scripts side
 * by side (`run-p a b`) is then taken apart: each of its scripts is timed alone, so the table shows which one sets
 * the pace. Every vitest run also writes a JSON report, from which the slowest test files are taken.
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
  /** For a `run-p` stage: each of the scripts it runs side by side, timed alone afterwards. */
  parts?: StageTiming[];
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

/** The scripts a `run-p` stage runs side by side (its arguments that are not flags), or [] for any other stage. */
export function parallelScripts(command: string): string[] {
  const [tool, ...args] = command.split(/\s+/);
  return tool === "run-p" ? args.filter((arg) => !arg.startsWith("-")) : [];
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
  let reports = 0;

  /** Runs one command (a vitest run with a JSON report besides), collecting its test files' timings. */
  async function timeCommand(command: string, project: (file: string) => string): Promise<StageTiming> {
    const vitest = /^vitest run\b/.test(command);
    const reportPath = join(reportDir, `vitest-${++reports}.json`);
    const run = await runCommand(
      "sh",
      ["-c", vitest ? `${command} --reporter=default --reporter=json --outputFile=${reportPath}` : command],
      STAGE_LIMIT_MS,
    );
    const failure = run.code === 0 ? undefined : run.output.trimEnd().split("\n").slice(-15).join("\n");
    if (vitest && run.code !== null) files.push(...fileTimings(JSON.parse(readFileSync(reportPath, "utf8")) as VitestJson, project));
    return { command, ms: run.ms, code: run.code, ...(failure ? { failure } : {}) };
  }

  /** Each script of a run-p stage, alone; a script that is itself a run-p is taken apart in turn. */
  async function timeParts(command: string, project: (file: string) => string): Promise<StageTiming[]> {
    const parts: StageTiming[] = [];
    for (const name of parallelScripts(command)) {
      const line = scripts[name];
      if (!line) throw new Error(`"${command}" runs "${name}", which package.json does not define`);
      if (parallelScripts(line).length > 0) parts.push(...(await timeParts(line, project)));
      else parts.push({ ...(await timeCommand(line, project)), command: `npm run ${name}` });
    }
    return parts;
  }

  const timings: ScriptTiming[] = [];
  for (const script of ["test", "test:e2e"]) {
    const project = (file: string) => (file.startsWith("contract-tests/") ? "contract" : script === "test:e2e" ? "e2e" : "unit");
    const stages: StageTiming[] = [];
    for (const command of scriptStages(scripts, script)) {
      // A run-p stage's vitest run is timed again alone, with its JSON report: count its files once.
      const stage = await timeCommand(command, project);
      stages.push(stage);
      if (stage.code !== 0) break;
      if (parallelScripts(command).length > 0) stage.parts = await timeParts(command, project);
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

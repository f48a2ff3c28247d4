/**
 * `npm run test:under-load`: `npm test` while CPU-bound loops compete for the cores, several runs in a row, as on
 * a machine several times slower than the one the tests were written on. The loops are stopped when the runs end,
 * on a failing run, on Ctrl-C and on any error.
 *   npm run test:under-load                          3 runs of `npm test` beside 2 busy loops
 *   npm run test:under-load -- --runs 1 --loops 4
 *   npm run test:under-load -- --command "npm run test:e2e"
 */
import { type ChildProcess, spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { repoRoot } from "./lib/api-registry.js";
import { isEntryPoint } from "./lib/entry-point.js";

export interface UnderLoadArgs {
  runs: number;
  loops: number;
  command: string;
}

const USAGE = 'usage: npm run test:under-load [-- --runs N] [--loops N] [--command "npm test"]';

export function parseUnderLoadArgs(argv: string[]): UnderLoadArgs {
  let values: { runs?: string; loops?: string; command?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { runs: { type: "string" }, loops: { type: "string" }, command: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
  const count = (flag: string, value: string | undefined, fallback: number, min: number) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > 64)
      throw new Error(`--${flag}: "${value}" is not a whole number from ${min} to 64\n${USAGE}`);
    return n;
  };
  const command = values.command ?? "npm test";
  if (command.trim() === "") throw new Error(`--command: empty\n${USAGE}`);
  return { runs: count("runs", values.runs, 3, 1), loops: count("loops", values.loops, 2, 0), command };
}

/** One busy loop per requested core, each its own process so the OS spreads them over the cores. */
function startLoops(count: number): ChildProcess[] {
  return Array.from({ length: count }, () => spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
}

function stopLoops(loops: ChildProcess[]): void {
  for (const loop of loops) if (loop.exitCode === null && loop.signalCode === null) loop.kill("SIGKILL");
}

/** Runs the command through the shell with inherited output; resolves to its exit code and wall time. */
function runOnce(command: string): { done: Promise<{ code: number; ms: number }>; child: ChildProcess } {
  const started = performance.now();
  const child = spawn(command, { cwd: repoRoot, shell: true, stdio: "inherit" });
  const done = new Promise<{ code: number; ms: number }>((resolve, reject) => {
    child.on("error", (error) => reject(new Error(`cannot run "${command}": ${error.message}`)));
    child.on("exit", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), ms: performance.now() - started }));
  });
  return { done, child };
}

export async function testUnderLoad(args: UnderLoadArgs): Promise<number> {
  const loops = startLoops(args.loops);
  let current: ChildProcess | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    current?.kill(signal);
    stopLoops(loops);
    process.exit(130);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // Also on an exit nobody planned for (an exception): the loops never outlive this process.
  process.on("exit", () => stopLoops(loops));
  console.log(
    `test:under-load: ${args.loops} busy loop(s) (pids ${loops.map((l) => l.pid).join(", ") || "none"}), ${args.runs} run(s) of "${args.command}"`,
  );
  const times: string[] = [];
  try {
    for (let run = 1; run <= args.runs; run++) {
      const once = runOnce(args.command);
      current = once.child;
      const { code, ms } = await once.done;
      times.push(`run ${run}: ${code === 0 ? "passed" : `FAILED (exit ${code})`} in ${(ms / 1000).toFixed(1)} s`);
      if (code !== 0) {
        console.log(`\ntest:under-load:\n  ${times.join("\n  ")}\nstopped after the failing run.`);
        return code;
      }
    }
    console.log(`\ntest:under-load: ${args.runs} of ${args.runs} runs passed beside ${args.loops} busy loop(s):\n  ${times.join("\n  ")}`);
    return 0;
  } finally {
    stopLoops(loops);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

if (isEntryPoint(import.meta.url)) {
  let args: UnderLoadArgs;
  try {
    args = parseUnderLoadArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`test:under-load: ${(error as Error).message}`);
    process.exit(2);
  }
  process.exitCode = await testUnderLoad(args);
}

/** Runs a command in the repository and times it from spawn to exit. */
import { spawn } from "node:child_process";
import { repoRoot } from "../../scripts/lib/api-registry.js";

export interface CommandRun {
  /** Wall time from spawn to exit, in ms. */
  ms: number;
  code: number | null;
  output: string;
}

/** Resolves when the command exits; a command still running after `timeoutMs` is killed (by its pid) and reported. */
export function runCommand(command: string, args: string[], timeoutMs: number): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: repoRoot,
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(
          `${command} ${args.join(" ")} (pid ${child.pid}) did not finish within ${timeoutMs / 1000} s; killed it. Output so far:\n${output}`,
        ),
      );
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${command}: ${error.message}`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - started, code, output });
    });
  });
}

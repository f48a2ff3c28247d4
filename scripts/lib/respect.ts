/**
 * Runs `redocly respect` on one Arazzo file as a child process and reads its JSON log back. The child is
 * stopped on abort, on timeout and when this process exits, whatever happens.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { repoRoot } from "./api-registry.js";
import type { OpenApiNode } from "./spec-operations.js";

const require = createRequire(import.meta.url);
const redoclyBin = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");

export interface RespectOptions {
  /** Absolute path of the Arazzo file. */
  file: string;
  /** sourceDescription name -> server URL to call instead of the spec's own server (none: the spec's). */
  servers: Record<string, string>;
  /** The workflows to start (their child workflows run as their steps call them). */
  workflows: string[];
  /** The child's environment: where the workflows read their credentials. */
  env: NodeJS.ProcessEnv;
  /** Receives respect's output line by line. */
  onLine?: (line: string) => void;
  signal?: AbortSignal;
  /** Kills respect after this long (default 10 minutes). */
  timeoutMs?: number;
}

export interface RespectResult {
  /** Exit code, or null when respect was killed. */
  code: number | null;
  /** respect's JSON log (`--json-output`), or undefined when it wrote none. */
  log: OpenApiNode | undefined;
  /** The last lines respect printed, for an error message. */
  tail: string[];
  /** Set when respect was stopped by the timeout or an abort. */
  stoppedBecause?: string;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

export async function runRespect(options: RespectOptions): Promise<RespectResult> {
  const dir = mkdtempSync(join(tmpdir(), "crm-kit-respect-"));
  const logPath = join(dir, "respect.json");
  const timeoutMs = options.timeoutMs ?? 600_000;
  const args = [redoclyBin, "respect", options.file, "--json-output", logPath, "--max-steps", "500"];
  args.push("--execution-timeout", String(timeoutMs), "--max-fetch-timeout", "30000");
  if (Object.keys(options.servers).length > 0) args.push("--server", JSON.stringify(options.servers));
  for (const workflow of options.workflows) args.push("--workflow", workflow);
  installExitHook();
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...options.env, NO_COLOR: "1", FORCE_COLOR: "0", REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  running.add(child);
  const tail: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const raw of chunk.toString("utf8").split("\n")) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the ANSI codes respect prints even with NO_COLOR.
      const line = raw.replace(/\u001b\[[0-9;]*m|\[0m/g, "").trimEnd();
      // Redocly's Node 20 deprecation banner is drawn in box characters; it says nothing about the workflows.
      if (!line.trim() || /^\s*[╔║╚]/.test(line)) continue;
      tail.push(line);
      // Passed checks and the temporary log's path are noise; failed checks and every step line are kept.
      if (/^\s*✓ .*check\b|JSON logs saved in/.test(line)) continue;
      if (tail.length > 40) tail.shift();
      options.onLine?.(line);
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);

  let stoppedBecause: string | undefined;
  const stop = (reason: string) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    stoppedBecause = reason;
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 3_000).unref();
  };
  const timer = setTimeout(() => stop(`respect ran longer than ${timeoutMs} ms`), timeoutMs + 30_000);
  const onAbort = () => stop("the run was interrupted");
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort);
  try {
    const code = await new Promise<number | null>((done, fail) => {
      child.once("error", fail);
      child.once("exit", (exitCode) => done(exitCode));
    });
    let log: OpenApiNode | undefined;
    try {
      log = JSON.parse(readFileSync(logPath, "utf8")) as OpenApiNode;
    } catch {
      log = undefined;
    }
    return { code, log, tail, ...(stoppedBecause ? { stoppedBecause } : {}) };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    running.delete(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A process that exits without cleaning up still takes its respect children with it. */
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of running) child.kill("SIGKILL");
  });
}

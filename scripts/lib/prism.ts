/**
 * Starts and stops Prism mock servers. Used by `npm start` and by the contract tests' global setup,
 * so both serve the specs the same way.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const prismBin = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist", "index.js");

export interface PrismOptions {
  /** API name, used in messages. */
  name: string;
  /** Path of the spec's root file. */
  spec: string;
  /** Port to listen on (default: a free port). */
  port?: number;
  /** Answer with an error when a mocked response breaks the spec (Prism's --errors; default true). */
  errors?: boolean;
  /** `mock` serves examples; `proxy` forwards to `upstream` and validates both ways (default "mock"). */
  mode?: "mock" | "proxy";
  /** Upstream base URL, required for proxy mode. */
  upstream?: string;
  /**
   * Reject a request that breaks the spec before it reaches the upstream (default true). A sandbox
   * upstream answers such a request itself, with the vendor's own 400/422.
   */
  validateRequest?: boolean;
  /** Receives every line Prism prints (default: kept only for error messages). */
  onLine?: (line: string) => void;
  /** How long to wait for "Prism is listening" (default 120 s: a few seconds here, far more on a loaded machine 3× slower). */
  readyTimeoutMs?: number;
}

export interface RunningPrism {
  name: string;
  url: string;
  port: number;
  /** Resolves with the exit code when the process ends, for whatever reason. */
  exited: Promise<number | null>;
  /** Stops the process (SIGTERM, then SIGKILL after 3 s) and waits for it to end. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts one Prism and resolves once it is listening; rejects (and kills it) if it dies or hangs first. */
export async function startPrism(options: PrismOptions): Promise<RunningPrism> {
  const mode = options.mode ?? "mock";
  if (mode === "proxy" && !options.upstream) throw new Error(`${options.name}: proxy mode needs an upstream URL`);
  const port = options.port ?? (await freePort());
  const args = [prismBin, mode, options.spec, ...(mode === "proxy" ? [options.upstream as string] : [])];
  args.push("-h", "127.0.0.1", "-p", String(port));
  if (options.errors ?? true) args.push("--errors");
  if (options.validateRequest === false) args.push("--validate-request=false");
  installExitHook();
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  running.add(child);
  const exited = new Promise<number | null>((done) =>
    child.once("exit", (code) => {
      running.delete(child);
      done(code);
    }),
  );
  const tail: string[] = [];
  const url = `http://127.0.0.1:${port}`;

  const ready = new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${options.name}: Prism did not start within ${options.readyTimeoutMs ?? 120_000} ms\n${tail.join("\n")}`)),
      options.readyTimeoutMs ?? 120_000,
    );
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 20) tail.shift();
        options.onLine?.(line);
        if (line.includes("Prism is listening")) {
          clearTimeout(timer);
          resolveReady();
        }
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name}: Prism exited (code ${code}) before it was ready; spec ${options.spec}\n${tail.join("\n")}`));
    });
  });

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 3_000);
    await exited;
    clearTimeout(killer);
  };

  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return { name: options.name, url, port, exited, stop };
}

/** A process that exits without running teardown still takes its Prism children with it. */
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of running) child.kill("SIGKILL");
  });
}

/**
 * A real redis-server for a test or the bench: on a free loopback port, in a temporary folder, without persistence.
 * Debian's package provides it (`apt-get install redis-server`; .ci/run installs it when missing).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./prism.js";

export interface RunningRedis {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGKILL after 5 s) and removes its folder; safe to call twice. */
  stop(): Promise<void>;
}

export async function startRedis(port?: number): Promise<RunningRedis> {
  const chosen = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), "crm-kit-redis-"));
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(chosen), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--loglevel", "warning"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      child.once("error", (error) => reject(new Error(`redis-server could not start (apt-get install redis-server): ${error.message}`)));
      child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
      // With --loglevel warning it prints nothing when ready: ask it with a TCP PING until it answers.
      const ping = async () => {
        for (let tries = 0; tries < 200; tries++) {
          if (await answersPing(chosen)) return resolve();
          await new Promise((r) => setTimeout(r, 50));
        }
        reject(new Error(`redis-server did not answer on port ${chosen} within 10 s: ${output}`));
      };
      child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      void ping();
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { port: chosen, url: `redis://127.0.0.1:${chosen}`, stop };
}

async function answersPing(port: number): Promise<boolean> {
  const { connect } = await import("node:net");
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.setTimeout(1_000);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

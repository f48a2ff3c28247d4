/** Starts bench/overhead/server-process.ts in a child process and talks to it. */
import { fork } from "node:child_process";
import type { ServerMessage, ServerSetup } from "./server-process.js";

export interface BenchServer {
  /** http://127.0.0.1:<ephemeral port> */
  url: string;
  /** Connections accepted and requests served so far, and any request that matched no route. */
  stats(): Promise<Extract<ServerMessage, { type: "stats" }>>;
  stop(): Promise<void>;
}

export async function startBenchServer(setup: ServerSetup): Promise<BenchServer> {
  // fork() reuses this process's execArgv, which carries tsx's loader, so the child can be TypeScript too.
  const child = fork(new URL("./server-process.ts", import.meta.url), { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = <T extends ServerMessage["type"]>(type: T): Promise<Extract<ServerMessage, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: ServerMessage): void => {
        if (message.type !== type) return;
        cleanup();
        resolve(message as Extract<ServerMessage, { type: T }>);
      };
      const onExit = (code: number | null): void => {
        cleanup();
        reject(new Error(`bench server (pid ${child.pid}) exited with code ${code} before answering "${type}"`));
      };
      const cleanup = (): void => {
        child.off("message", onMessage);
        child.off("exit", onExit);
      };
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
  const listening = next("listening");
  child.send(setup);
  const { port } = await listening;
  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => {
      const answer = next("stats");
      child.send("stats");
      return answer;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

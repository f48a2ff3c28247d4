/**
 * `npx crm-kit sandbox` from an installed package: the sandboxes over HTTP, one line per API, state kept while
 * it runs, a clean stop on SIGINT and SIGTERM, and flag errors that name the flag. Every process a test starts
 * is killed when the test ends, whatever happened.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { createScratchApp, type ScratchApp } from "./scratch-app.js";

let app: ScratchApp;
const started = new Set<ChildProcess>();

beforeAll(async () => {
  app = createScratchApp({ type: "module" });
  await app.run("npm", ["install", "--engine-strict", "--no-audit", "--no-fund", inject("tarball")]);
}, 300_000);

afterEach(() => {
  for (const child of started) child.kill("SIGKILL");
  started.clear();
});

afterAll(() => app?.remove());

interface Running {
  child: ChildProcess;
  /** The API → base URL lines it printed. */
  urls: Record<string, string>;
  exited: Promise<{ code: number | null; stderr: string }>;
}

/** Starts the installed command and resolves once it printed a line per API (or rejects when it exits first). */
function startCommand(args: string[], apiCount: number): Promise<Running> {
  const child = spawn(join(app.dir, "node_modules", ".bin", "crm-kit"), ["sandbox", ...args], { cwd: app.dir });
  started.add(child);
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk;
      const lines = stdout.split("\n").filter(Boolean);
      if (lines.length < apiCount) return;
      const urls = Object.fromEntries(lines.map((line) => line.split(/\s+/) as [string, string]));
      resolve({ child, urls, exited });
    });
    void exited.then(({ code }) => reject(new Error(`crm-kit sandbox exited (${code}) before printing its URLs:\n${stdout}${stderr}`)));
  });
}

/** Runs the command to its end: exit code and both streams. */
async function runCommand(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(join(app.dir, "node_modules", ".bin", "crm-kit"), args, { cwd: app.dir });
  started.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { code, stdout, stderr };
}

const authorized = { authorization: "Bearer sandbox-key", "content-type": "application/json" };

describe("crm-kit sandbox", () => {
  it("serves every API by default, one line per API with its loopback URL", async () => {
    const running = await startCommand([], 4);
    expect(Object.keys(running.urls).sort()).toEqual(["emnify", "featurebase", "folk", "kare"]);
    for (const url of Object.values(running.urls)) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const companies = await fetch(`${running.urls.featurebase}/v2/companies`, { headers: authorized });
    expect(companies.status).toBe(200);
    running.child.kill("SIGTERM");
    expect((await running.exited).code).toBe(0);
  }, 60_000);

  it("keeps state while it runs, and stops on SIGINT with the port closed", async () => {
    const running = await startCommand(["--api", "folk"], 1);
    const base = running.urls.folk as string;
    const created = await fetch(`${base}/v1/companies`, {
      method: "POST",
      headers: authorized,
      body: JSON.stringify({ name: "Kept Ltd" }),
    });
    expect(created.status).toBe(200);
    const { data } = (await created.json()) as { data: { id: string } };
    const read = await fetch(`${base}/v1/companies/${data.id}`, { headers: authorized });
    expect(((await read.json()) as { data: { name: string } }).data.name).toBe("Kept Ltd");
    running.child.kill("SIGINT");
    const { code, stderr } = await running.exited;
    expect(code).toBe(0);
    expect(stderr).toContain("SIGINT, stopping");
    await expect(fetch(`${base}/v1/groups`, { headers: authorized })).rejects.toThrow();
  }, 60_000);

  it("takes --port for the first API and counts up, and --no-seed starts empty", async () => {
    const port = await freePortPair();
    const running = await startCommand(["--api", "kare,folk", "--port", String(port), "--no-seed"], 2);
    expect(running.urls).toEqual({ kare: `http://127.0.0.1:${port}`, folk: `http://127.0.0.1:${port + 1}` });
    const groups = await fetch(`${running.urls.folk}/v1/groups`, { headers: authorized });
    expect(((await groups.json()) as { data: { items: unknown[] } }).data.items).toEqual([]);
    running.child.kill("SIGTERM");
    expect((await running.exited).code).toBe(0);
  }, 60_000);

  it("says which API's port is taken, and leaves nothing listening", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runCommand(["sandbox", "--api", "folk", "--port", String(port)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`folk: listening on 127.0.0.1 port ${port} is in use (choose another with --port)`);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it.each([
    [["sandbox", "--prot", "4010"], "unknown option '--prot'"],
    [["sandbox", "--api", "hubspot"], '--api: unknown API "hubspot" (known: featurebase, emnify, kare, folk)'],
    [["sandbox", "--port", "70000"], '--port: "70000" is not a port (1-65535)'],
    [["sandbox", "--host", "0.0.0.0"], '--host: "0.0.0.0" is not a loopback address'],
    [["sandbox", "--rate-limit", "lots"], '--rate-limit: "lots" is neither "documented" nor <calls>/<window>'],
    [["sandbox", "--token-ttl", "soon"], '--token-ttl: "soon" is not a duration'],
    [["sandbox", "--fail", "status=200"], "--fail: status must be an integer 400-599, got 200"],
    [["serve"], 'crm-kit: unknown command "serve"'],
  ])(
    "refuses %j with exit code 2 and names the flag",
    async (args, message) => {
      const result = await runCommand(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stdout).toBe("");
    },
    60_000,
  );

  it("lists its options in --help", async () => {
    const result = await runCommand(["sandbox", "--help"]);
    expect(result.code).toBe(0);
    for (const flag of [
      "--api",
      "--port",
      "--host",
      "--no-seed",
      "--rate-limit",
      "--fail",
      "--token-ttl",
      "--session-ttl",
      "--validate-responses",
      "--help",
    ]) {
      expect(result.stdout).toContain(flag);
    }
  }, 60_000);
});

/** A port whose successor is free too (both checked by binding them). */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const first = createServer();
    await new Promise<void>((resolve) => first.listen(0, "127.0.0.1", resolve));
    const port = (first.address() as { port: number }).port;
    const second = createServer();
    const free = await new Promise<boolean>((resolve) => {
      second.once("error", () => resolve(false));
      second.listen(port + 1, "127.0.0.1", () => resolve(true));
    });
    await Promise.all([new Promise((r) => first.close(r)), free ? new Promise((r) => second.close(r)) : undefined]);
    if (free && port < 65535) return port;
  }
  throw new Error("no two consecutive free ports found on 127.0.0.1");
}

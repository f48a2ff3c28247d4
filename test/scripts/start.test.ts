import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { repoRoot } from "../../scripts/lib/api-registry.js";
import { freePort } from "../../scripts/lib/prism.js";
import { parseStartArgs, sandboxCurlLines } from "../../scripts/start.js";
import { checkFailTargets, configuredSandbox } from "../../src/cli/sandbox-flags.js";
import { alive } from "./processes.js";

const known = ["featurebase", "folk"];

describe("parseStartArgs", () => {
  it("takes port overrides from the environment and from --port, the flag winning", () => {
    const args = parseStartArgs(["--port", "folk=5100"], { MOCK_PORT_FOLK: "5200", MOCK_PORT_FEATUREBASE: "5300" }, known);
    expect(Object.fromEntries(args.ports)).toEqual({ featurebase: 5300, folk: 5100 });
  });

  it("names the unknown API in --only and --port", () => {
    expect(() => parseStartArgs(["--only", "featurebase,hubspot"], {}, known)).toThrow(/--only: unknown API "hubspot"/);
    expect(() => parseStartArgs(["--port", "hubspot=5000"], {}, known)).toThrow(/--port: unknown API "hubspot"/);
  });

  it("refuses a port that is not a number and an unknown flag", () => {
    expect(() => parseStartArgs(["--port", "folk=http"], {}, known)).toThrow(/"http" is not a port number/);
    expect(() => parseStartArgs(["--verbose"], {}, known)).toThrow(/unknown argument "--verbose"/);
    expect(() => parseStartArgs(["--only"], {}, known)).toThrow(/--only needs a value/);
  });

  it("serves sandboxes unless --static asks for Prism's example mocks", () => {
    expect(parseStartArgs([], {}, known).static).toBe(false);
    expect(parseStartArgs(["--static", "--only", "folk"], {}, known)).toMatchObject({ static: true, only: new Set(["folk"]) });
  });
});

describe("--rate-limit and --fail", () => {
  const apis = ["featurebase", "folk", "emnify", "kare"];

  it("--rate-limit takes documented or <calls>/<window>, and names itself when the value is neither", () => {
    expect(parseStartArgs(["--rate-limit", "documented"], {}, apis).rateLimit).toBe("documented");
    expect(parseStartArgs(["--rate-limit", "100/60s"], {}, apis).rateLimit).toEqual({ limit: 100, windowMs: 60_000 });
    expect(parseStartArgs(["--rate-limit", "2000/5m"], {}, apis).rateLimit).toEqual({ limit: 2_000, windowMs: 300_000 });
    expect(() => parseStartArgs(["--rate-limit", "fast"], {}, apis)).toThrow(
      /--rate-limit: "fast" is neither "documented" nor <calls>\/<window>/,
    );
    expect(() => parseStartArgs(["--rate-limit", "0/1s"], {}, apis)).toThrow(/--rate-limit: "0\/1s"/);
    expect(() => parseStartArgs(["--rate-limit"], {}, apis)).toThrow(/--rate-limit needs a value/);
  });

  it("--fail reads failNext's fields, is repeatable, and names the field that is wrong", () => {
    const { failures } = parseStartArgs(
      [
        "--fail",
        "status=503,count=2",
        "--fail",
        "api=kare,operationId=createContacts,status=500,applied",
        "--fail",
        "delayMs=3000,stallBody",
      ],
      {},
      apis,
    );
    expect(failures).toEqual([
      { count: 2, failure: { status: 503 } },
      { api: "kare", count: 1, failure: { operationId: "createContacts", status: 500, applied: true } },
      { count: 1, failure: { delayMs: 3_000, stallBody: true } },
    ]);
    expect(() => parseStartArgs(["--fail", "status=oops"], {}, apis)).toThrow(/--fail: status must be a whole number, got "oops"/);
    expect(() => parseStartArgs(["--fail", "api=hubspot"], {}, apis)).toThrow(/--fail: unknown API "hubspot"/);
    expect(() => parseStartArgs(["--fail", "times=2"], {}, apis)).toThrow(/--fail: unknown field "times"/);
    expect(() => parseStartArgs(["--fail", "status=500", "--static"], {}, apis)).toThrow(/--rate-limit and --fail act on the sandboxes/);
  });

  it("gives each sandbox the rate limit and the failures meant for it; failNext's own checks name --fail", async () => {
    const args = parseStartArgs(
      ["--rate-limit", "1/60s", "--fail", "operationId=login,status=503", "--fail", "api=emnify,status=500"],
      {},
      apis,
    );
    const kare = configuredSandbox("kare", args);
    const login = () =>
      kare.fetch("http://x/auth/v1/rs/login/credentials", {
        method: "POST",
        headers: { authorization: "Bearer t", "content-type": "application/json" },
        body: JSON.stringify({ email: "a@example.com", password: "secret-1" }),
      });
    expect([(await login()).status, (await login()).status]).toEqual([503, 429]);
    const featurebase = configuredSandbox("featurebase", args);
    expect((await featurebase.fetch("http://x/v2/companies", { headers: { authorization: "Bearer t" } })).status).toBe(200);
    const wrong = parseStartArgs(["--fail", "status=200"], {}, apis);
    expect(() => configuredSandbox("folk", wrong)).toThrow(/^--fail: status must be an integer 400-599, got 200$/);
    expect(() => checkFailTargets(args, ["featurebase", "folk"])).toThrow(
      /--fail: no sandbox being started has operation login \(started: featurebase, folk\)/,
    );
    expect(() => checkFailTargets(args, ["kare", "emnify"])).not.toThrow();
  });
});

describe("sandboxCurlLines", () => {
  it("logs in first for a vendor with a session, keeping the token in $TOKEN for the write and the read", () => {
    const demo = {
      session: { path: "/login", body: { email: "a@example.com" }, token: "sessionToken", header: "X-Session-Token" },
      write: { method: "POST" as const, path: "/contacts", body: [{ name: "A" }] },
      read: { path: "/contacts" },
    };
    const [login, write, read] = sandboxCurlLines("http://127.0.0.1:1", demo);
    expect(login).toBe(
      `TOKEN=$(curl -s -X POST -H 'Authorization: Bearer sandbox-key' -H 'Content-Type: application/json' -d '{"email":"a@example.com"}' http://127.0.0.1:1/login | sed -E 's/.*"sessionToken":"([^"]+)".*/\\1/')`,
    );
    expect(write).toContain(`-H 'Authorization: Bearer sandbox-key' -H "X-Session-Token: $TOKEN"`);
    expect(read).toBe(`curl -s -g -H 'Authorization: Bearer sandbox-key' -H "X-Session-Token: $TOKEN" 'http://127.0.0.1:1/contacts'`);
  });

  it("prints the write with its JSON body quoted for a shell, then the read", () => {
    const demo = {
      write: { method: "POST" as const, path: "/v1/companies", body: { name: "O'Brien & Co" } },
      read: { path: "/v1/companies?filter[name][eq]=x" },
    };
    expect(sandboxCurlLines("http://127.0.0.1:1", demo)).toEqual([
      `curl -s -X POST -H 'Authorization: Bearer sandbox-key' -H 'Content-Type: application/json' -d '{"name":"O'\\''Brien & Co"}' http://127.0.0.1:1/v1/companies`,
      "curl -s -g -H 'Authorization: Bearer sandbox-key' 'http://127.0.0.1:1/v1/companies?filter[name][eq]=x'",
    ]);
  });
});

/** Every process below `pid`, deepest first. */
function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
      .trim()
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
  return children.flatMap((child) => [...descendants(child), child]);
}

/** The Prism processes below `pid` (tsx's own helpers, such as esbuild's service, exit on their own). */
function prismsBelow(pid: number): number[] {
  return descendants(pid).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, "utf8").includes("prism-cli");
    } catch {
      return false;
    }
  });
}

describe("npm start", () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child?.pid) for (const pid of [...descendants(child.pid), child.pid]) if (alive(pid)) process.kill(pid, "SIGKILL");
  });

  async function startMocks(ports: Record<string, number>, extra: string[] = []): Promise<{ output: () => string }> {
    // As `npm start` runs it: one node process with tsx's loader, no signal-relaying parent.
    const args = ["--import", "tsx", "scripts/start.ts", ...extra, "--only", Object.keys(ports).join(",")];
    for (const [name, port] of Object.entries(ports)) args.push("--port", `${name}=${port}`);
    child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
    const deadline = Date.now() + 120_000;
    while (!output.includes("Requests are logged")) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`mocks did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return { output: () => output };
  }

  it("serves a sandbox that keeps what is written, behind Prism's proxy, and stops it on SIGINT", async () => {
    const port = await freePort();
    const { output } = await startMocks({ featurebase: port });
    const url = `http://127.0.0.1:${port}`;
    expect(output()).toMatch(new RegExp(`featurebase  ${url}  stateful sandbox`));
    expect(output()).toContain(`-d '{"companyId":"acme-1","name":"Acme"}' ${url}/v2/companies`);
    const headers = { Authorization: "Bearer sandbox-key", "Content-Type": "application/json" };
    const written = await fetch(`${url}/v2/companies`, {
      method: "POST",
      headers,
      body: JSON.stringify({ companyId: "acme-1", name: "Acme" }),
    });
    expect(written.status).toBe(200);
    const list = (await (await fetch(`${url}/v2/companies?limit=100`, { headers })).json()) as { data: Array<{ companyId: string }> };
    expect(list.data.map((c) => c.companyId)).toContain("acme-1");
    // An invalid request reaches the sandbox, which answers with Featurebase's own 400.
    const invalid = await fetch(`${url}/v2/companies`, { method: "POST", headers, body: JSON.stringify({ name: "Acme" }) });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { param: string } }).error.param).toBe("companyId");

    const proxies = prismsBelow(child?.pid as number);
    expect(proxies).toHaveLength(1);
    child?.kill("SIGINT");
    const [code] = await once(child as ChildProcess, "exit");
    expect(code).toBe(0);
    expect(proxies.filter(alive)).toEqual([]);
  }, 120_000);

  it("with --static, serves the documented list envelope on the printed URL and stops every mock on SIGINT", async () => {
    const port = await freePort();
    const { output } = await startMocks({ featurebase: port }, ["--static"]);
    const url = `http://127.0.0.1:${port}`;
    expect(output()).toContain(`featurebase  ${url}`);
    expect(output()).toContain(`try:  curl -s -H 'Authorization: Bearer mock-key' ${url}/v2/companies`);

    const response = await fetch(`${url}/v2/companies`, { headers: { Authorization: "Bearer mock-key" } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { object: string; data: Array<{ object: string }>; nextCursor: unknown };
    expect(body.object).toBe("list");
    expect(body.data.every((c) => c.object === "company")).toBe(true);
    expect(body).toHaveProperty("nextCursor");
    await vi.waitFor(() => expect(output()).toMatch(/\[featurebase\].*get \/v2\/companies/), { timeout: 30_000 });

    const mocks = prismsBelow(child?.pid as number);
    expect(mocks).toHaveLength(1);
    child?.kill("SIGINT");
    const [code] = await once(child as ChildProcess, "exit");
    expect(code).toBe(0);
    expect(mocks.filter(alive)).toEqual([]);
  }, 180_000);

  it("with --fail and --rate-limit, the sandbox behind Prism answers the injected 500, then 201, then the vendor's 429", async () => {
    const port = await freePort();
    await startMocks({ kare: port }, ["--fail", "operationId=login,status=500", "--rate-limit", "2/60s"]);
    const login = () =>
      fetch(`http://127.0.0.1:${port}/auth/v1/rs/login/credentials`, {
        method: "POST",
        headers: { Authorization: "Bearer sandbox-key", "Content-Type": "application/json" },
        body: JSON.stringify({ email: "manager@example.com", password: "sandbox-password" }),
      });
    const answers = [];
    for (let call = 0; call < 3; call++) {
      const response = await login();
      answers.push([response.status, ((await response.json()) as { message?: string }).message]);
    }
    expect(answers).toEqual([
      [500, "Internal server error"],
      [201, undefined],
      [429, "Too Many Requests"],
    ]);
    const exited = once(child as ChildProcess, "exit");
    child?.kill("SIGINT");
    expect((await exited)[0]).toBe(0);
  }, 120_000);

  it("exits with 2 and a message naming the flag when --fail or --rate-limit is wrong, starting nothing", async () => {
    for (const [flags, message] of [
      [["--rate-limit", "lots"], '--rate-limit: "lots" is neither'],
      [["--only", "featurebase", "--fail", "operationId=login,status=500"], "--fail: no sandbox being started has operation login"],
    ] as const) {
      child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", ...flags], {
        cwd: repoRoot,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
      const [code] = await once(child, "exit");
      expect(code).toBe(2);
      expect(stderr).toContain(`npm start: ${message}`);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  }, 120_000);

  it("stops the other mocks and exits non-zero when one mock dies", async () => {
    const [a, b] = [await freePort(), await freePort()];
    await startMocks({ featurebase: a, kare: b });
    const prisms = execFileSync("pgrep", ["-f", `prism-cli.*-p ${a}`], { encoding: "utf8" })
      .trim()
      .split("\n")
      .map(Number);
    const all = prismsBelow(child?.pid as number);
    expect(all).toHaveLength(2);
    const exited = once(child as ChildProcess, "exit");
    for (const pid of prisms) process.kill(pid, "SIGKILL");
    const [code] = await exited;
    expect(code).toBe(1);
    expect(all.filter(alive)).toEqual([]);
  }, 180_000);
});

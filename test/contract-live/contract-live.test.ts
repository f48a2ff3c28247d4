/**
 * `npm run contract:live` offline: the real clients, through Prism in proxy mode, in front of local fake
 * upstreams that answer with the spec's examples, except where a test makes one drift from its spec.
 */
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadApis, repoRoot } from "../../scripts/lib/api-registry.js";
import { describeLocation, runContractLive, summarizeLive, upstreamVariable } from "../../scripts/lib/contract-live.js";
import { freePort } from "../../scripts/lib/prism.js";
import { type LoadedSpec, loadSpec, type OpenApiNode } from "../../scripts/lib/spec-operations.js";

const credentialVariables = [
  "FEATUREBASE_API_KEY",
  "FOLK_API_KEY",
  "EMNIFY_APPLICATION_TOKEN",
  "EMNIFY_ORG_ID",
  "KARE_TOKEN",
  "KARE_SESSION_TOKEN",
  "KARE_EMAIL",
  "KARE_PASSWORD",
];

/** The environment of this test without any real credential or upstream override. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env))
    if (credentialVariables.includes(name) || name.startsWith("CRM_KIT_LIVE_UPSTREAM_")) delete env[name];
  return { ...env, ...extra };
}

const command = [process.execPath, ["--import", "tsx", "scripts/contract-live.ts"]] as const;

/** Runs the real command (async: the fake upstream lives in this process). */
function contractLive(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done) => {
    execFile(command[0], command[1], { cwd: repoRoot, env, timeout: 200_000 }, (error, stdout) =>
      done({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout }),
    );
  });
}

/** runContractLive for one API, with its log lines. */
async function runOne(api: string, env: Record<string, string>) {
  const lines: string[] = [];
  const result = await runContractLive({ apis: loadApis().filter((entry) => entry.name === api), env, log: (line) => lines.push(line) });
  return { result, lines, output: [...lines, ...summarizeLive(result).lines].join("\n") };
}

const specs: Record<string, LoadedSpec> = {};
beforeAll(async () => {
  for (const api of loadApis()) specs[api.name] = await loadSpec(api.root);
});

/** A copy of the spec's example for one response. */
function example(api: string, path: string, method: string, status: string): OpenApiNode {
  return structuredClone(specs[api]!.document.paths[path][method].responses[status].content["application/json"].example);
}

type Seen = { method?: string; url?: string; headers: IncomingHttpHeaders; body: string };
type Answer = { status: number; body: unknown } | "hang";
const upstreams: Array<() => void> = [];
afterEach(() => {
  for (const close of upstreams.splice(0)) close();
});

/** A local fake upstream: `answer` gets each request (path without query) and says what to send back. */
async function fakeUpstream(answer: (path: string, request: Seen) => Answer) {
  const seen: Seen[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    let body = "";
    for await (const chunk of req) body += String(chunk);
    const request = { method: req.method, url: req.url, headers: req.headers, body };
    seen.push(request);
    const reply = answer(new URL(req.url ?? "/", "http://upstream").pathname, request);
    if (reply === "hang") return;
    res.writeHead(reply.status, { "content-type": "application/json" });
    res.end(JSON.stringify(reply.body));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  upstreams.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const notFound = { status: 404, body: { message: "no such path" } };

function prismUrlIn(output: string): string {
  const url = /through Prism at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
  expect(url, "the log names Prism's URL").toBeDefined();
  return url as string;
}

function portIsClosed(url: string): Promise<boolean> {
  const { port } = new URL(url);
  return new Promise((done) => {
    const socket = connect(Number(port), "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      done(false);
    });
    socket.once("error", () => done(true));
  });
}

describe("npm run contract:live", () => {
  it("reports a response that breaks the spec with operation and field, exits 1, and stops Prism", async () => {
    const companies = example("featurebase", "/v2/companies", "get", "200");
    delete companies.data[0].name; // the drift: a required field the real API stopped sending
    const contacts = example("featurebase", "/v2/contacts", "get", "200");
    const upstream = await fakeUpstream((path) =>
      path === "/v2/companies" ? { status: 200, body: companies } : path === "/v2/contacts" ? { status: 200, body: contacts } : notFound,
    );

    const { code, stdout } = await contractLive(
      cleanEnv({ FEATUREBASE_API_KEY: "sk_test_live", [upstreamVariable("featurebase")]: upstream.url }),
    );

    expect(stdout).toContain("✗ listCompanies GET /v2/companies -> 200");
    const problem = stdout
      .split("\n")
      .find((line) => line.includes("featurebase listCompanies (GET /v2/companies) response body, field data[0].name: "));
    expect(problem).toContain("must have required property 'name'");
    expect(stdout).toContain("✓ listContacts GET /v2/contacts -> 200");
    expect(stdout).toContain("folk: skipped, FOLK_API_KEY is not set");
    expect(code).toBe(1);

    // Sent by createFeaturebaseClient: its bearer auth, its default version, the typed call's query.
    const listCompanies = upstream.seen.find((request) => request.url?.startsWith("/v2/companies"));
    expect(listCompanies?.url).toBe("/v2/companies?limit=10");
    expect(listCompanies?.headers.authorization).toBe("Bearer sk_test_live");
    expect(listCompanies?.headers["featurebase-version"]).toBe("2026-01-01.nova");
    expect(await portIsClosed(prismUrlIn(stdout))).toBe(true);
  }, 240_000);

  it("without credentials, says which APIs it skipped and why, and exits 0", async () => {
    const { code, stdout } = await contractLive(cleanEnv({}));
    expect(stdout).toContain("featurebase: skipped, FEATUREBASE_API_KEY is not set");
    expect(stdout).toContain("folk: skipped, FOLK_API_KEY is not set");
    expect(stdout).toContain("emnify: skipped, EMNIFY_APPLICATION_TOKEN is not set");
    expect(stdout).toContain("kare: skipped, KARE_TOKEN is not set");
    expect(stdout).toContain("No API was checked");
    expect(code).toBe(0);
  }, 120_000);

  it("stops Prism when it gets SIGTERM in the middle of a call", async () => {
    const upstream = await fakeUpstream(() => "hang");
    const child = spawn(command[0], command[1], {
      cwd: repoRoot,
      env: cleanEnv({ FEATUREBASE_API_KEY: "sk_test_live", [upstreamVariable("featurebase")]: upstream.url }),
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    const exited = once(child, "exit");
    // Whatever fails below, the command is not left running.
    upstreams.push(() => child.exitCode === null && child.kill("SIGKILL"));
    while (upstream.seen.length === 0) {
      if (child.exitCode !== null) throw new Error(`contract:live ended before calling the upstream:\n${stdout}`);
      await new Promise((done) => setTimeout(done, 50));
    }
    child.kill("SIGTERM");
    const [code] = await exited;
    expect(code).toBe(130);
    // The exit hook SIGKILLs Prism as the command exits; the OS frees the port a moment later.
    const prismUrl = prismUrlIn(stdout);
    for (let waited = 0; waited < 30_000 && !(await portIsClosed(prismUrl)); waited += 50)
      await new Promise((done) => setTimeout(done, 50));
    expect(await portIsClosed(prismUrl)).toBe(true);
  }, 240_000);
});

describe("runContractLive", () => {
  const emnifyEnv = (upstream: string) => ({
    EMNIFY_APPLICATION_TOKEN: "app-token-secret",
    EMNIFY_ORG_ID: "42",
    [upstreamVariable("emnify")]: upstream,
  });

  it("reports a violation in the client's own token exchange for operation authenticate, and stops Prism", async () => {
    // The drift: authenticate renamed its auth_token.
    const upstream = await fakeUpstream((path) =>
      path === "/api/v1/authenticate" ? { status: 200, body: { token: "eyJ.fake.jwt" } } : notFound,
    );

    const { result, lines, output } = await runOne("emnify", emnifyEnv(upstream.url));

    expect(lines).toContain("  ✗ authenticate POST /api/v1/authenticate -> 200");
    expect(result.problems).toContainEqual({
      api: "emnify",
      operationId: "authenticate",
      request: "POST /api/v1/authenticate",
      part: "response body",
      field: "auth_token",
      message: expect.stringContaining("must have required property 'auth_token'"),
    });
    // The client cannot log in without the token; that is the same operation's failure, not listContacts'.
    expect(result.problems.every((p) => p.operationId === "authenticate")).toBe(true);
    expect(output).toMatch(
      /emnify authenticate \(POST \/api\/v1\/authenticate\) call: crm-kit \(emnify\): POST \/api\/v1\/authenticate returned 200 without an auth_token/,
    );
    expect(upstream.seen.map((r) => r.url)).toEqual(["/api/v1/authenticate"]);
    expect(JSON.parse(upstream.seen[0]!.body)).toEqual({ application_token: "app-token-secret" });
    expect(summarizeLive(result).failed).toBe(true);
    expect(await portIsClosed(prismUrlIn(output))).toBe(true);
  }, 240_000);

  it("reports a refused login with the token redacted and sends nothing else for that API", async () => {
    const refusal = { ...example("emnify", "/api/v1/authenticate", "post", "401"), message: "Invalid credentials: app-token-secret" };
    const upstream = await fakeUpstream((path) => (path === "/api/v1/authenticate" ? { status: 401, body: refusal } : notFound));

    const { result, output } = await runOne("emnify", emnifyEnv(upstream.url));

    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ operationId: "authenticate", request: "POST /api/v1/authenticate", part: "call" });
    expect(result.problems[0]?.message).toMatch(
      /^crm-kit \(emnify\): POST \/api\/v1\/authenticate returned 401 .*Invalid credentials: \[REDACTED\].*code InvalidCredentials/,
    );
    expect(output).toContain("authenticate failed, so the other calls of emnify were not sent");
    expect(output).not.toContain("app-token-secret");
    expect(upstream.seen.map((r) => r.url)).toEqual(["/api/v1/authenticate"]);
    expect(await portIsClosed(prismUrlIn(output))).toBe(true);
  }, 240_000);

  it("skips emnify, without starting Prism, when the organisation id is missing or not a number", async () => {
    for (const [orgId, reason] of [
      [undefined, "EMNIFY_APPLICATION_TOKEN is set, but EMNIFY_ORG_ID (the organisation whose contacts are listed) is not"],
      ["acme", "EMNIFY_ORG_ID must be the numeric organisation id"],
    ] as const) {
      const { result, lines } = await runOne("emnify", {
        EMNIFY_APPLICATION_TOKEN: "app-token-secret",
        ...(orgId ? { EMNIFY_ORG_ID: orgId } : {}),
      });
      expect(result).toEqual({ checked: [], skipped: [{ api: "emnify", reason }], problems: [] });
      expect(lines).toEqual([`emnify: skipped, ${reason}`]);
    }
  });

  it("says when Prism answered itself because the upstream is unreachable", async () => {
    const closedPort = await freePort();
    const { result } = await runOne("featurebase", {
      FEATUREBASE_API_KEY: "sk_test_live",
      [upstreamVariable("featurebase")]: `http://127.0.0.1:${closedPort}`,
    });
    expect(result.problems.map((p) => p.operationId)).toEqual(["listCompanies", "listContacts"]);
    expect(result.problems[0]?.message).toMatch(
      /^Prism answered 500 itself \(request to http:\/\/127\.0\.0\.1:\d+\/v2\/companies\?limit=10 failed, reason: connect ECONNREFUSED/,
    );
  }, 240_000);

  it("logs in to Kare with the credentials and lists the contacts of the first company it listed", async () => {
    const login = example("kare", "/auth/v1/rs/login/credentials", "post", "201");
    const companies = example("kare", "/companies/v2/rs", "get", "200");
    const contacts = example("kare", "/companies/v2/rs/{companyId}/contacts", "get", "200");
    const companyId = companies.data[0].id as number;
    const upstream = await fakeUpstream((path) =>
      path === "/auth/v1/rs/login/credentials"
        ? { status: 201, body: login }
        : path === "/companies/v2/rs"
          ? { status: 200, body: companies }
          : path === `/companies/v2/rs/${companyId}/contacts`
            ? { status: 200, body: contacts }
            : notFound,
    );

    const { result, lines } = await runOne("kare", {
      KARE_TOKEN: "org-token",
      KARE_EMAIL: "me@example.com",
      KARE_PASSWORD: "pw-secret",
      [upstreamVariable("kare")]: upstream.url,
    });

    expect(result.problems).toEqual([]);
    expect(lines.filter((line) => line.startsWith("  "))).toEqual([
      "  ✓ login POST /auth/v1/rs/login/credentials -> 201",
      "  ✓ listCompanies GET /companies/v2/rs -> 200",
      `  ✓ listContacts GET /companies/v2/rs/${companyId}/contacts -> 200`,
    ]);
    const listContacts = upstream.seen.at(-1);
    expect(listContacts?.headers.authorization).toBe("Bearer org-token");
    expect(listContacts?.headers["x-session-token"]).toBe(login.data.sessionToken);
  }, 240_000);
});

describe("describeLocation", () => {
  it("names the missing field of a required-property violation, and the field of any other", () => {
    expect(
      describeLocation({ location: ["response", "body", "data", "0"], message: "must have required property 'name'", severity: "Error" }),
    ).toEqual({
      part: "response body",
      field: "data[0].name",
    });
    expect(describeLocation({ location: ["request", "query", "limit"], message: "must be <= 100", severity: "Error" })).toEqual({
      part: "request query",
      field: "limit",
    });
    expect(describeLocation({ location: ["response", "body"], message: "must be object", severity: "Error" })).toEqual({
      part: "response body",
      field: null,
    });
  });
});

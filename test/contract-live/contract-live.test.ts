/**
 * `npm run contract:live` offline: Prism in proxy mode in front of a local fake "Featurebase" that
 * answers with a company missing its required `name`, and the run without any credentials.
 */
import { execFile } from "node:child_process";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadApis, repoRoot } from "../../scripts/lib/api-registry.js";
import { describeLocation, runContractLive, upstreamVariable } from "../../scripts/lib/contract-live.js";
import { loadSpec, type LoadedSpec } from "../../scripts/lib/spec-operations.js";

const credentialVariables = ["FEATUREBASE_API_KEY", "FOLK_API_KEY", "EMNIFY_APPLICATION_TOKEN", "EMNIFY_ORG_ID", "KARE_TOKEN", "KARE_SESSION_TOKEN", "KARE_EMAIL", "KARE_PASSWORD"];

/** The environment of this test without any real credential or upstream override. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (credentialVariables.includes(name) || name.startsWith("CRM_KIT_LIVE_UPSTREAM_")) delete env[name];
  return { ...env, ...extra };
}

/** Runs the real command (async: the fake upstream lives in this process). */
function contractLive(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ["--import", "tsx", "scripts/contract-live.ts"], { cwd: repoRoot, env, timeout: 60_000 }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

function example(spec: LoadedSpec, path: string, method: string, status: string): any {
  return structuredClone(spec.document.paths[path][method].responses[status].content["application/json"].example);
}

function portIsClosed(url: string): Promise<boolean> {
  const { port } = new URL(url);
  return new Promise((done) => {
    const socket = connect(Number(port), "127.0.0.1");
    socket.once("connect", () => { socket.destroy(); done(false); });
    socket.once("error", () => done(true));
  });
}

let upstream: Server;
let upstreamUrl: string;
const seen: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders }> = [];

beforeAll(async () => {
  const featurebase = await loadSpec(loadApis().find((api) => api.name === "featurebase")!.root);
  const companies = example(featurebase, "/v2/companies", "get", "200");
  delete companies.data[0].name; // the drift: a required field the real API stopped sending
  const contacts = example(featurebase, "/v2/contacts", "get", "200");
  upstream = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, headers: req.headers });
    const path = new URL(req.url ?? "/", "http://upstream").pathname;
    const body = path === "/v2/companies" ? companies : path === "/v2/contacts" ? contacts : undefined;
    res.writeHead(body ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(body ?? { error: { type: "invalid_request_error", code: "not_found", message: "no such path", status: 404 } }));
  });
  await new Promise<void>((done) => upstream.listen(0, "127.0.0.1", done));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((done) => { upstream.closeAllConnections(); upstream.close(() => done()); }));

describe("npm run contract:live", () => {
  it("reports a response that breaks the spec with operation and field, exits 1, and stops Prism", async () => {
    const { code, stdout } = await contractLive(cleanEnv({ FEATUREBASE_API_KEY: "sk_test_live", [upstreamVariable("featurebase")]: upstreamUrl }));

    expect(stdout).toContain("✗ listCompanies GET /v2/companies -> 200");
    const problem = stdout.split("\n").find((line) => line.includes("featurebase listCompanies (GET /v2/companies) response body, field data[0].name: "));
    expect(problem).toContain("must have required property 'name'");
    expect(stdout).toContain("✓ listContacts GET /v2/contacts -> 200");
    expect(stdout).toContain("folk: skipped, FOLK_API_KEY is not set");
    expect(code).toBe(1);

    const listCompanies = seen.find((request) => request.url?.startsWith("/v2/companies"));
    expect(listCompanies?.headers.authorization).toBe("Bearer sk_test_live");
    expect(listCompanies?.headers["featurebase-version"]).toBe("2026-01-01.nova");

    const prismUrl = /through Prism at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
    expect(prismUrl).toBeDefined();
    expect(await portIsClosed(prismUrl as string)).toBe(true);
  }, 60_000);

  it("without credentials, says which APIs it skipped and why, and exits 0", async () => {
    const { code, stdout } = await contractLive(cleanEnv({}));
    expect(stdout).toContain("featurebase: skipped, FEATUREBASE_API_KEY is not set");
    expect(stdout).toContain("folk: skipped, FOLK_API_KEY is not set");
    expect(stdout).toContain("emnify: skipped, EMNIFY_APPLICATION_TOKEN is not set");
    expect(stdout).toContain("kare: skipped, KARE_TOKEN is not set");
    expect(stdout).toContain("No API was checked");
    expect(code).toBe(0);
  }, 30_000);
});

describe("runContractLive", () => {
  it("reports a failed login, sends nothing else for that API, and still stops Prism", async () => {
    const lines: string[] = [];
    const emnify = loadApis().filter((api) => api.name === "emnify");
    const result = await runContractLive({
      apis: emnify,
      env: { EMNIFY_APPLICATION_TOKEN: "app-token", EMNIFY_ORG_ID: "1", [upstreamVariable("emnify")]: upstreamUrl },
      log: (line) => lines.push(line),
    });
    // The fake upstream knows no /api/v1/authenticate: a 404 (with a body that is not emnify's error shape either).
    expect(result.problems.every((p) => p.api === "emnify" && p.operationId === "authenticate")).toBe(true);
    expect(result.problems.find((p) => p.part === "call")?.message).toMatch(/^expected a 2xx answer, got 404/);
    expect(lines.some((line) => line.includes("listContacts"))).toBe(false);
    const prismUrl = /through Prism at (http:\/\/127\.0\.0\.1:\d+)/.exec(lines.join("\n"))?.[1];
    expect(await portIsClosed(prismUrl as string)).toBe(true);
  }, 60_000);
});

describe("describeLocation", () => {
  it("names the missing field of a required-property violation, and the field of any other", () => {
    expect(describeLocation({ location: ["response", "body", "data", "0"], message: "must have required property 'name'", severity: "Error" })).toEqual({
      part: "response body",
      field: "data[0].name",
    });
    expect(describeLocation({ location: ["request", "query", "limit"], message: "must be <= 100", severity: "Error" })).toEqual({ part: "request query", field: "limit" });
    expect(describeLocation({ location: ["response", "body"], message: "must be object", severity: "Error" })).toEqual({ part: "response body", field: null });
  });
});

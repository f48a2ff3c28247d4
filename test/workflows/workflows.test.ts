/**
 * The Arazzo workflows run by `redocly respect` (a child process) against sandboxes served on free ports:
 * as `npm run workflows` runs them, against a sandbox made to misbehave, and in live mode against a
 * sandbox standing in for the vendor. Each respect run takes a few seconds here; the timeouts allow 30x.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type ApiEntry, loadApis, repoRoot } from "../../scripts/lib/api-registry.js";
import { runWorkflows, summarizeWorkflows, type WorkflowServer, type WorkflowsReport } from "../../scripts/lib/workflows.js";
import type { IncomingCall } from "../../src/sandbox/engine.js";
import { featurebaseSandbox } from "../../src/sandbox/featurebase/index.js";
import { folkSandbox } from "../../src/sandbox/folk/index.js";
import { createSandbox } from "../../src/sandbox/index.js";
import { listen } from "../../src/sandbox/listen.js";

const TIMEOUT = 180_000;
const apis = loadApis();
const api = (name: string) => apis.find((a) => a.name === name) as ApiEntry;

/** This process's environment without any real credential or upstream override. */
function cleanEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of Object.keys(env))
    if (/^(FEATUREBASE|FOLK|EMNIFY|KARE)_/.test(name) || name.startsWith("CRM_KIT_LIVE_UPSTREAM_")) delete env[name];
  return { ...env, ...extra };
}

/** The fetch Request of a call the sandbox's server received. */
function requestOf(incoming: IncomingCall): Request {
  const { method, target, origin, headers, body, signal } = incoming;
  return new Request(new URL(target, origin), { method, headers, ...(body ? { body: body as BodyInit } : {}), signal });
}

/** Serves a Featurebase sandbox through `intercept`, and remembers whether it was closed and what it was sent. */
async function featurebaseServer(intercept?: (request: Request, sandboxFetch: (r: Request) => Promise<Response>) => Promise<Response>) {
  const sandbox = createSandbox("featurebase");
  const sandboxFetch = (request: Request) => sandbox.fetch(request);
  const authorizations = new Set<string>();
  const server = await listen(async (incoming) => {
    const request = requestOf(incoming);
    authorizations.add(request.headers.get("authorization") ?? "");
    return intercept ? intercept(request, sandboxFetch) : sandboxFetch(request);
  }, featurebaseSandbox);
  const state = { closed: false, authorizations };
  const handle: WorkflowServer & { state: typeof state } = {
    url: server.url,
    state,
    close: async () => {
      state.closed = true;
      await server.close();
    },
  };
  return handle;
}

function workflow(report: WorkflowsReport, apiName: string, workflowId: string) {
  return report.apis.find((a) => a.api === apiName)?.workflows.find((w) => w.workflowId === workflowId);
}

describe("runWorkflows on the sandboxes", () => {
  it(
    "passes every workflow of every API against its sandbox and reports where each ran",
    async () => {
      const report = await runWorkflows({ apis, mode: "sandbox", env: cleanEnv(), log: () => {} });
      expect(report.apis.map((a) => a.api)).toEqual(apis.map((a) => a.name));
      for (const run of report.apis) {
        expect(run.skipped, run.api).toBeNull();
        expect(run.target, run.api).toMatch(/^http:\/\/127\.0\.0\.1:\d+(\/main)?$/);
        expect(run.workflows.length, run.api).toBeGreaterThan(0);
        expect(
          run.workflows.filter((w) => w.status !== "passed"),
          run.api,
        ).toEqual([]);
      }
      expect(report.apis[0]?.workflows.map((w) => w.workflowId)).toEqual([
        "companyContactLifecycle",
        "contactBlocking",
        "contactByUserIdLifecycle",
        "pageCompaniesAfterUpserts",
        "pageCompanies",
        "browseContacts",
        "browseContactPreferences",
      ]);
      expect(report.failed).toBe(false);
    },
    TIMEOUT,
  );

  it(
    "fails, naming the workflow and the step, when an upsert of a known companyId creates a second company",
    async () => {
      const seen = new Set<string>();
      // The misbehaviour: an upsert whose companyId was upserted before creates another company instead.
      const server = await featurebaseServer(async (request, sandboxFetch) => {
        if (request.method !== "POST" || new URL(request.url).pathname !== "/v2/companies") return sandboxFetch(request);
        const body = (await request.json()) as { companyId: string };
        const companyId = seen.has(body.companyId) ? `${body.companyId}-second` : body.companyId;
        seen.add(body.companyId);
        return sandboxFetch(
          new Request(request.url, { method: "POST", headers: request.headers, body: JSON.stringify({ ...body, companyId }) }),
        );
      });
      const report = await runWorkflows({
        apis: [api("featurebase")],
        mode: "sandbox",
        env: cleanEnv(),
        log: () => {},
        serve: async () => server,
      });

      expect(report.failed).toBe(true);
      const lifecycle = workflow(report, "featurebase", "companyContactLifecycle");
      expect(lifecycle?.status).toBe("failed");
      expect(lifecycle?.failures.map((f) => [f.workflow, f.stepId])).toEqual([["companyContactLifecycle", "upsertCompanyAgain"]]);
      expect(lifecycle?.failures[0]?.exchange).toBe("POST /v2/companies -> 200");
      expect(lifecycle?.failures[0]?.checks).toContain("success criteria check: $response.body#/id == $steps.upsertCompany.outputs.id");
      expect(workflow(report, "featurebase", "contactBlocking")?.status).toBe("passed");
      expect(summarizeWorkflows(report).join("\n")).toContain(
        "step upsertCompanyAgain of companyContactLifecycle failed: POST /v2/companies -> 200",
      );
      expect(server.state.closed).toBe(true);
    },
    TIMEOUT,
  );

  it(
    "in live mode runs only the read-only workflows, with the credential from the environment, unless writes are allowed",
    async () => {
      const server = await featurebaseServer();
      try {
        const env = cleanEnv({ FEATUREBASE_API_KEY: "sk_live_from_env", CRM_KIT_LIVE_UPSTREAM_FEATUREBASE: server.url });
        const readOnly = await runWorkflows({ apis: [api("featurebase"), api("folk")], mode: "live", env, log: () => {} });
        const featurebase = readOnly.apis[0];
        expect(featurebase?.target).toBe(server.url);
        expect(featurebase?.workflows.map((w) => [w.workflowId, w.status, w.reason ?? ""])).toEqual([
          ["companyContactLifecycle", "skipped", "it writes; pass --allow-writes"],
          ["contactBlocking", "skipped", "it writes; pass --allow-writes"],
          ["contactByUserIdLifecycle", "skipped", "it writes; pass --allow-writes"],
          ["pageCompaniesAfterUpserts", "skipped", "it writes; pass --allow-writes"],
          ["pageCompanies", "passed", ""],
          ["browseContacts", "passed", ""],
          ["browseContactPreferences", "passed", ""],
        ]);
        expect(readOnly.apis[1]).toMatchObject({ api: "folk", target: null, skipped: "credentials not set: FOLK_API_KEY" });
        expect([...server.state.authorizations]).toEqual(["Bearer sk_live_from_env"]);

        const withWrites = await runWorkflows({ apis: [api("featurebase")], mode: "live", allowWrites: true, env, log: () => {} });
        expect(withWrites.apis[0]?.workflows.every((w) => w.status === "passed")).toBe(true);
        expect(withWrites.allowWrites).toBe(true);
      } finally {
        await server.close();
      }
    },
    TIMEOUT,
  );

  it(
    "in live mode runs folk's read-only workflows with GETs only and skips every one that writes",
    async () => {
      const sandbox = createSandbox("folk");
      const methods = new Set<string>();
      const server = await listen((incoming) => {
        methods.add(incoming.method);
        return sandbox.fetch(requestOf(incoming));
      }, folkSandbox);
      try {
        const env = cleanEnv({ FOLK_API_KEY: "folk_live_from_env", CRM_KIT_LIVE_UPSTREAM_FOLK: server.url });
        const report = await runWorkflows({ apis: [api("folk")], mode: "live", env, log: () => {} });
        const runs = report.apis[0]?.workflows ?? [];
        expect(runs.filter((w) => w.status === "passed").map((w) => w.workflowId)).toEqual([
          "browseWorkspace",
          "browseUsers",
          "browseGroupCustomFields",
        ]);
        expect(runs.filter((w) => w.status === "skipped").every((w) => w.writes && w.reason === "it writes; pass --allow-writes")).toBe(
          true,
        );
        expect(runs.filter((w) => w.status === "skipped").length).toBeGreaterThan(0);
        expect([...methods]).toEqual(["GET"]);
      } finally {
        await server.close();
      }
    },
    TIMEOUT,
  );
});

describe("npm run workflows", () => {
  const script = ["--import", "tsx", "scripts/workflows.ts"];

  it(
    "runs the asked API's workflows, prints the coverage line, writes the report and exits 0",
    async () => {
      const reportPath = join(mkdtempSync(join(tmpdir(), "crm-kit-workflows-")), "report.json");
      const child = spawn(process.execPath, [...script, "--api", "folk", "--report", reportPath], { cwd: repoRoot, env: cleanEnv() });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      const [code] = (await once(child, "exit")) as [number | null];
      expect(output).toMatch(/folk: \d+\/\d+ operations in a workflow/);
      expect(code).toBe(0);
      const report = JSON.parse(readFileSync(reportPath, "utf8")) as WorkflowsReport;
      expect(report.apis.map((a) => a.api)).toEqual(["folk"]);
      expect(report.apis[0]?.workflows.length).toBeGreaterThan(0);
      expect(report.apis[0]?.workflows.every((w) => w.status === "passed")).toBe(true);
    },
    TIMEOUT,
  );

  it("exits 2 naming an unknown API and the known ones", async () => {
    const child = spawn(process.execPath, [...script, "--api", "hubspot"], { cwd: repoRoot, env: cleanEnv() });
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => {
      errors += chunk.toString();
    });
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(2);
    expect(errors).toContain("--api: unknown API hubspot (known: featurebase, folk, emnify, kare)");
  }, 60_000);

  it(
    "stops respect and the sandbox when interrupted, leaving no process behind",
    async () => {
      // Its own process group, so that any child left behind would still be found in the group after it exits.
      const reportPath = join(mkdtempSync(join(tmpdir(), "crm-kit-workflows-")), "report.json");
      const child = spawn(process.execPath, [...script, "--api", "featurebase", "--report", reportPath], {
        cwd: repoRoot,
        env: cleanEnv(),
        detached: true,
      });
      let output = "";
      const started = new Promise<string>((resolveUrl) => {
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const url = /against (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
          if (url && output.includes("Running workflow")) resolveUrl(url);
        });
      });
      const url = await started;
      child.kill("SIGTERM");
      const [code] = (await once(child, "exit")) as [number | null];
      expect(code).toBe(130);
      expect(() => process.kill(-(child.pid as number), 0)).toThrow(/ESRCH/);
      await expect(fetch(`${url}/v2/companies`)).rejects.toThrow();
      const report = JSON.parse(readFileSync(reportPath, "utf8")) as WorkflowsReport;
      // The report of the interrupted run is still written, to the path asked for (not over the last full run's).
      expect(report.apis.map((a) => a.api)).toEqual(["featurebase"]);
    },
    TIMEOUT,
  );
});

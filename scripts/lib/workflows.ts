/**
 * `npm run workflows` and the workflow half of `npm run contract:live`: runs each API's Arazzo workflows
 * with `redocly respect`, either against its stateful sandbox served over HTTP (offline) or against the real
 * API (live: read-only workflows unless writes are allowed), and reports every failed step with its checks.
 * Every server and child process it starts is stopped when the run ends, on failure or abort too.
 */
import { relative } from "node:path";
import { createSandbox, SANDBOX_APIS, type SandboxApi } from "../../src/sandbox/index.js";
import { type ApiEntry, repoRoot } from "./api-registry.js";
import { type ArazzoFile, envOf, loadWorkflowFile, operationsOf, operationWrites, startableWorkflows } from "./arazzo.js";
import { productionServer, upstreamVariable } from "./contract-live.js";
import { runRespect } from "./respect.js";
import { loadSpec, type OpenApiNode } from "./spec-operations.js";
import { RECEIVER_ENV, startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.js";
import { coverageLine, type WorkflowCoverage, workflowCoverage } from "./workflow-coverage.js";

type Env = Record<string, string | undefined>;
type ArazzoWorkflowEnv = ReturnType<typeof envOf>;

/** A server a sandbox run calls instead of the vendor. */
export interface WorkflowServer {
  url: string;
  close(): Promise<void>;
}

export interface RunWorkflowsOptions {
  apis: ApiEntry[];
  /** `sandbox`: against crm-kit's sandboxes over HTTP; `live`: against the real APIs whose credentials are set. */
  mode: "sandbox" | "live";
  /** Live only: also run the workflows that write (default false: read-only workflows only). */
  allowWrites?: boolean;
  /** Where credentials (live) and upstream overrides (CRM_KIT_LIVE_UPSTREAM_<API>) are read. */
  env: Env;
  log: (line: string) => void;
  /** Serves one API's sandbox (default: `createSandbox(api).listen()` on a free port). */
  serve?: (api: SandboxApi) => Promise<WorkflowServer>;
  signal?: AbortSignal;
  /** Time limit of one API's respect run (default 10 minutes). */
  timeoutMs?: number;
}

export interface StepFailure {
  /** The workflow the step belongs to, with the workflows that called it: "pageCompanies > pageCompaniesFrom". */
  workflow: string;
  stepId: string;
  /** "GET /v1/companies?limit=1 -> 400": what the step sent and the status it got, when it sent anything. */
  exchange: string | null;
  /** Each failed check: "success criteria check: $statusCode == 200 (…)". */
  checks: string[];
}

export interface WorkflowRun {
  workflowId: string;
  /** Whether it calls an operation that changes data. */
  writes: boolean;
  status: "passed" | "failed" | "skipped";
  /** Why it was skipped, or why it failed without a failed step. */
  reason?: string;
  failures: StepFailure[];
}

export interface ApiRun {
  api: string;
  /** The Arazzo file, relative to the repository. */
  file: string;
  /** Where the workflows ran: the sandbox's URL or the real API's; null when skipped. */
  target: string | null;
  /** Why nothing of this API ran, or null. */
  skipped: string | null;
  workflows: WorkflowRun[];
  coverage: WorkflowCoverage;
}

export interface WorkflowsReport {
  mode: "sandbox" | "live";
  allowWrites: boolean;
  apis: ApiRun[];
  /** True when a workflow failed (a skipped one does not fail the run). */
  failed: boolean;
}

export async function runWorkflows(options: RunWorkflowsOptions): Promise<WorkflowsReport> {
  const report: WorkflowsReport = { mode: options.mode, allowWrites: options.allowWrites ?? false, apis: [], failed: false };
  for (const api of options.apis) {
    if (options.signal?.aborted) break;
    const file = loadWorkflowFile(api.name);
    const spec = await loadSpec(api.root);
    const run: ApiRun = {
      api: api.name,
      file: relative(repoRoot, file.path),
      target: null,
      skipped: null,
      workflows: [],
      coverage: workflowCoverage(file, spec.operations),
    };
    report.apis.push(run);
    await runApi(run, file, productionServer(spec, api.root), options);
  }
  report.failed = report.apis.some((a) => a.workflows.some((w) => w.status === "failed"));
  return report;
}

async function runApi(run: ApiRun, file: ArazzoFile, production: string, options: RunWorkflowsOptions) {
  const candidates = startableWorkflows(file).map((w) => ({
    workflow: w,
    writes: [...operationsOf(file, w.workflowId)].some(operationWrites),
    env: envOf(file, w.workflowId),
  }));
  const skipAll = (reason: string) => {
    run.skipped = reason;
    run.workflows = candidates.map(({ workflow, writes }) => ({
      workflowId: workflow.workflowId,
      writes,
      status: "skipped",
      reason,
      failures: [],
    }));
  };
  const childEnv: NodeJS.ProcessEnv = { ...options.env };
  const receivesWebhooks = (env: ArazzoWorkflowEnv) => env.some((v) => v.name === RECEIVER_ENV.delivery);
  const toRun = candidates.filter(({ workflow, writes, env }) => {
    if (options.mode === "live" && writes && !options.allowWrites) {
      run.workflows.push({
        workflowId: workflow.workflowId,
        writes,
        status: "skipped",
        reason: "it writes; pass --allow-writes",
        failures: [],
      });
      return false;
    }
    if (options.mode === "live" && receivesWebhooks(env)) {
      run.workflows.push({
        workflowId: workflow.workflowId,
        writes,
        status: "skipped",
        reason: "it receives webhook deliveries, which the vendor cannot send to this machine (sandbox only)",
        failures: [],
      });
      return false;
    }
    return true;
  });

  if (options.mode === "sandbox") {
    if (!(SANDBOX_APIS as string[]).includes(run.api)) {
      return skipAll(`no sandbox simulates it yet (crm-kit/sandbox has: ${SANDBOX_APIS.join(", ")})`);
    }
    // The sandbox accepts any credential: each variable gets the example its Arazzo input declares.
    for (const { env } of candidates) for (const v of env) childEnv[v.name] = v.sandboxValue ?? `sandbox-${v.name.toLowerCase()}`;
  } else {
    const missing = [...new Set(toRun.flatMap(({ env }) => env.filter((v) => v.required && !options.env[v.name]).map((v) => v.name)))];
    if (missing.length > 0) return skipAll(`credentials not set: ${missing.join(", ")}`);
  }
  if (toRun.length === 0) {
    run.skipped = "no workflow to run (every one writes; pass --allow-writes)";
    return;
  }

  const sourceName = file.sourceName;
  let server: WorkflowServer | undefined;
  let receiver: WebhookReceiver | undefined;
  try {
    const servers: Record<string, string> = {};
    if (options.mode === "sandbox") {
      // A workflow that checks webhook deliveries gets a loopback receiver, its URLs in its inputs.
      if (toRun.some(({ env }) => receivesWebhooks(env))) {
        receiver = await startWebhookReceiver(run.api);
        Object.assign(childEnv, receiver.env);
      }
      server = await (options.serve ?? serveSandbox)(run.api as SandboxApi);
      // Keep the spec server's path (Kare's /main) so requests look as they do in production.
      servers[sourceName] = server.url + new URL(production).pathname.replace(/\/$/, "");
    } else {
      const upstream = options.env[upstreamVariable(run.api)];
      if (upstream) servers[sourceName] = upstream;
    }
    run.target = servers[sourceName] ?? production;
    options.log(`${run.api}: ${toRun.length} workflow(s) against ${run.target}${options.mode === "sandbox" ? " (sandbox)" : ""}`);
    const result = await runRespect({
      file: file.path,
      servers,
      workflows: toRun.map(({ workflow }) => workflow.workflowId),
      env: childEnv,
      onLine: (line) => options.log(`  ${line}`),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    const executed = executedWorkflows(result.log);
    for (const { workflow, writes } of toRun) {
      const outcome = executed.get(workflow.workflowId);
      if (!outcome) {
        const why =
          result.stoppedBecause ?? `respect exited with code ${result.code} before running it: ${result.tail.slice(-3).join(" / ")}`;
        run.workflows.push({ workflowId: workflow.workflowId, writes, status: "failed", reason: why, failures: [] });
        continue;
      }
      const failures = stepFailures(outcome, workflow.workflowId);
      const passed = outcome.status === "success" && failures.length === 0;
      run.workflows.push({ workflowId: workflow.workflowId, writes, status: passed ? "passed" : "failed", failures });
    }
  } finally {
    await server?.close();
    await receiver?.close();
  }
}

async function serveSandbox(api: SandboxApi): Promise<WorkflowServer> {
  return createSandbox(api).listen({ port: 0 });
}

/** The top-level workflows respect ran, by workflowId. */
function executedWorkflows(log: OpenApiNode | undefined): Map<string, OpenApiNode> {
  const byId = new Map<string, OpenApiNode>();
  for (const fileLog of Object.values<OpenApiNode>(log?.files ?? {}))
    for (const workflow of fileLog.executedWorkflows ?? []) byId.set(workflow.workflowId, workflow);
  return byId;
}

/** Every failed step of a workflow run and of the child workflows it ran, with its failed checks. */
export function stepFailures(workflow: OpenApiNode, path: string): StepFailure[] {
  const failures: StepFailure[] = [];
  for (const step of workflow.executedSteps ?? []) {
    if (step.type === "workflow") {
      failures.push(...stepFailures(step, `${path} > ${step.workflowId}`));
      continue;
    }
    const checks = (step.checks ?? []).filter((c: OpenApiNode) => !c.passed);
    if (step.status === "success" && checks.length === 0) continue;
    failures.push({ workflow: path, stepId: step.stepId, exchange: describeExchange(step), checks: checks.map(describeCheck) });
  }
  return failures;
}

function describeExchange(step: OpenApiNode): string | null {
  if (typeof step.request?.url !== "string" || !URL.canParse(step.request.url)) return null;
  const url = new URL(step.request.url);
  const status = step.response?.statusCode ?? "no response";
  return `${String(step.request.method).toUpperCase()} ${url.pathname}${url.search} -> ${status}`;
}

function describeCheck(check: OpenApiNode): string {
  const condition = typeof check.condition === "string" ? ` ${check.condition}` : "";
  const message = typeof check.message === "string" ? check.message.replace(/\s+/g, " ").trim() : "";
  const detail = message && !message.startsWith("Checking ") ? ` (${message.slice(0, 300)})` : "";
  return `${check.name}:${condition}${detail}`;
}

/** The report's closing lines: what ran where, each failed step with its checks, and the coverage lines. */
export function summarizeWorkflows(report: WorkflowsReport): string[] {
  const lines = ["", `Workflows (${report.mode}${report.mode === "live" && report.allowWrites ? ", writes allowed" : ""}):`];
  for (const api of report.apis) {
    if (api.skipped) {
      lines.push(`  - ${api.api}: skipped, ${api.skipped}`);
      continue;
    }
    for (const w of api.workflows) {
      const mark = w.status === "passed" ? "✓" : w.status === "failed" ? "✗" : "-";
      lines.push(`  ${mark} ${api.api} ${w.workflowId}${w.status === "skipped" ? `: skipped, ${w.reason}` : ` (${api.target})`}`);
      if (w.status === "failed" && w.reason) lines.push(`      ${w.reason}`);
      for (const f of w.failures) {
        lines.push(`      step ${f.stepId} of ${f.workflow} failed${f.exchange ? `: ${f.exchange}` : ""}`);
        for (const check of f.checks) lines.push(`        ${check}`);
      }
    }
  }
  lines.push("", "Operations the workflows exercise:");
  for (const api of report.apis) lines.push(`  ${coverageLine(api.coverage)}`);
  const failed = report.apis.flatMap((a) => a.workflows.filter((w) => w.status === "failed").map((w) => `${a.api} ${w.workflowId}`));
  const ran = report.apis.flatMap((a) => a.workflows.filter((w) => w.status !== "skipped"));
  const verdict =
    failed.length > 0
      ? `✗ ${failed.length} workflow(s) failed: ${failed.join(", ")}`
      : ran.length === 0
        ? "No workflow ran."
        : `✓ the ${ran.length} workflow(s) that ran passed`;
  lines.push("", verdict);
  return lines;
}

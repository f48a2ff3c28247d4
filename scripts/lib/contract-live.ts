/**
 * Live drift mode: the vendor clients of scripts/lib/live-calls.ts, pointed at Prism in proxy mode in front of
 * each real API whose credentials are in the environment. Prism forwards every request and reports in
 * `sl-violations` where the request or the real response breaks the spec. The clients' fetch records every
 * response, their own logins included, and each violation is matched back to its operation through the spec.
 * Prism is stopped whatever happens.
 */
import { ConnectionError, TimeoutError } from "../../src/core/index.js";
import type { ApiEntry } from "./api-registry.js";
import { liveApis as defaultLiveApis, type LiveApi, NotSent } from "./live-calls.js";
import { type RunningPrism, startPrism } from "./prism.js";
import { parseViolations, type ServedRecord } from "./recording-proxy.js";
import { type LoadedSpec, loadSpec, matchOperation, type SpecOperation } from "./spec-operations.js";

type Env = Record<string, string | undefined>;
type Violation = ServedRecord["violations"][number];

export interface LiveProblem {
  api: string;
  operationId: string;
  /** "METHOD /path" as sent, or "-" when nothing was. */
  request: string;
  /** "response body", "request query", ... or "call" when the call itself failed. */
  part: string;
  /** Field the violation is about (data[0].name), or null. */
  field: string | null;
  message: string;
}

export interface LiveResult {
  checked: string[];
  skipped: Array<{ api: string; reason: string }>;
  problems: LiveProblem[];
}

export interface LiveOptions {
  apis: ApiEntry[];
  env: Env;
  log: (line: string) => void;
  /** The clients and calls per API (default: scripts/lib/live-calls.ts). */
  liveApis?: Record<string, LiveApi<unknown>>;
}

/** One response the client received through Prism. */
interface Exchange {
  /** The spec operation Prism routed the request to, by method and path. */
  operationId: string;
  /** "METHOD /path". */
  request: string;
  status: number;
  violations: Violation[];
  /** Set when Prism answered with its own error instead of forwarding. */
  prismError: string | null;
}

/** The variable that points one API at another upstream (a staging host, or a test's fake server). */
export function upstreamVariable(api: string): string {
  return `CRM_KIT_LIVE_UPSTREAM_${api.toUpperCase().replace(/-/g, "_")}`;
}

export async function runContractLive({ apis, env, log, liveApis = defaultLiveApis }: LiveOptions): Promise<LiveResult> {
  const result: LiveResult = { checked: [], skipped: [], problems: [] };
  for (const api of apis) {
    const live = liveApis[api.name];
    const reason = live ? live.missingCredentials(env) : "no live calls are defined for it in scripts/lib/live-calls.ts";
    if (!live || reason) {
      result.skipped.push({ api: api.name, reason: reason ?? "" });
      log(`${api.name}: skipped, ${reason}`);
      continue;
    }
    result.checked.push(api.name);
    const spec = await loadSpec(api.root);
    const upstream = env[upstreamVariable(api.name)] ?? productionServer(spec, api.root);
    let prism: RunningPrism | undefined;
    try {
      prism = await startPrism({ name: api.name, spec: api.root, mode: "proxy", upstream, errors: false });
    } catch (error) {
      log(`${api.name}: ✗ ${(error as Error).message}`);
      result.problems.push({
        api: api.name,
        operationId: "-",
        request: "-",
        part: "Prism",
        field: null,
        message: (error as Error).message.split("\n")[0] ?? "",
      });
      continue;
    }
    log(`${api.name}: through Prism at ${prism.url} (proxy) to ${upstream}`);
    try {
      await runCalls(api.name, live, spec.operations, prism.url, env, log, result.problems);
    } finally {
      await prism.stop();
    }
  }
  return result;
}

/** The report's closing lines, and whether the run failed. */
export function summarizeLive(result: LiveResult): { lines: string[]; failed: boolean } {
  const lines = [""];
  if (result.skipped.length > 0) {
    lines.push(`Skipped: ${result.skipped.map((s) => `${s.api} (${s.reason})`).join("; ")}.`);
  }
  if (result.checked.length === 0) {
    lines.push("No API was checked: set the credentials of at least one API to compare it with its spec.");
    return { lines, failed: false };
  }
  if (result.problems.length === 0) {
    lines.push(`✓ ${result.checked.join(", ")}: every live request and response matches the spec.`);
    return { lines, failed: false };
  }
  lines.push(`✗ ${result.problems.length} problem(s) between the real APIs and their specs:`);
  for (const p of result.problems)
    lines.push(`  ${p.api} ${p.operationId} (${p.request}) ${p.part}${p.field ? `, field ${p.field}` : ""}: ${p.message}`);
  lines.push("  Fix the spec when the API changed (then regenerate and rerun the contract tests), or report the vendor's bug.");
  return { lines, failed: true };
}

async function runCalls(
  api: string,
  live: LiveApi<unknown>,
  operations: SpecOperation[],
  prismUrl: string,
  env: Env,
  log: (line: string) => void,
  problems: LiveProblem[],
) {
  const exchanges: Exchange[] = [];
  const recordingFetch = async (request: Request): Promise<Response> => {
    const response = await fetch(request);
    exchanges.push(await describeExchange(request, response, operations));
    return response;
  };

  let client: unknown;
  try {
    client = live.createClient(env, { baseUrl: prismUrl, fetch: recordingFetch, maxRetries: 0 });
  } catch (error) {
    log(`  ✗ cannot create the ${api} client: ${(error as Error).message}`);
    problems.push({ api, operationId: "-", request: "-", part: "client", field: null, message: (error as Error).message });
    return;
  }

  const earlier = new Map<string, unknown>();
  for (const call of live.calls) {
    const from = exchanges.length;
    let data: unknown;
    let failure: Error | undefined;
    try {
      data = await call.run(client, { env, earlier });
    } catch (error) {
      failure = error as Error;
    }
    const sent = exchanges.slice(from);
    for (const exchange of sent) report(api, exchange, log, problems);
    if (data instanceof NotSent) {
      log(`  - ${call.operationId}: not sent, ${data.reason}`);
      continue;
    }
    if (!failure) {
      earlier.set(call.operationId, data);
      continue;
    }
    // No response at all (Prism down, a timeout) belongs to the call; any other failure was raised on the last
    // response, which is the client's login when the login failed (ApiError, or no token in a 200).
    const noResponse = failure instanceof ConnectionError || failure instanceof TimeoutError;
    const last = noResponse ? undefined : sent.at(-1);
    const operationId = last?.operationId ?? call.operationId;
    const message = last?.prismError ?? failure.message;
    log(`      ${message}`);
    problems.push({ api, operationId, request: last?.request ?? "-", part: "call", field: null, message });
    if (operationId !== call.operationId) {
      log(`  ✗ ${operationId} failed, so the other calls of ${api} were not sent`);
      return;
    }
  }
}

/** Logs one exchange with its violations, and records the errors among them. */
function report(api: string, exchange: Exchange, log: (line: string) => void, problems: LiveProblem[]) {
  const { operationId, request, status, violations } = exchange;
  const ok = status >= 200 && status < 300 && !exchange.prismError && !violations.some((v) => v.severity === "Error");
  log(`  ${ok ? "✓" : "✗"} ${operationId} ${request} -> ${status}`);
  for (const violation of violations) {
    const { part, field } = describeLocation(violation);
    log(`      ${violation.severity.toLowerCase()}: ${part}${field ? `, field ${field}` : ""}: ${violation.message}`);
    if (violation.severity === "Error") problems.push({ api, operationId, request, part, field, message: violation.message });
  }
}

async function describeExchange(request: Request, response: Response, operations: SpecOperation[]): Promise<Exchange> {
  const { pathname } = new URL(request.url);
  return {
    operationId: matchOperation(operations, request.method, pathname)?.operationId ?? "(no operation in the spec)",
    request: `${request.method} ${pathname}`,
    status: response.status,
    violations: parseViolations(response.headers.get("sl-violations") ?? undefined),
    prismError: await prismError(response),
  };
}

/** Prism's own error answer (e.g. the upstream is unreachable), described; null for a forwarded response. */
async function prismError(response: Response): Promise<string | null> {
  if (!(response.headers.get("content-type") ?? "").includes("application/problem+json")) return null;
  let body: { type?: unknown; title?: unknown; detail?: unknown };
  try {
    body = (await response.clone().json()) as typeof body;
  } catch {
    return null;
  }
  // Prism's own errors have a stoplight.io type; in proxy mode, an upstream it cannot reach is a bare "FetchError".
  if (typeof body.type !== "string" || !(body.type.includes("stoplight.io/prism/errors") || body.type === "FetchError")) return null;
  const detail = typeof body.detail === "string" && body.detail ? `: ${body.detail}` : "";
  return `Prism answered ${response.status} itself (${typeof body.title === "string" ? body.title : body.type}${detail}); the request may not have reached the API`;
}

/** ["response","body","data","0"] + "must have required property 'name'" -> part "response body", field "data[0].name". */
export function describeLocation(violation: Violation): { part: string; field: string | null } {
  const [side = "", where = "", ...rest] = violation.location;
  const required = /must have required property '([^']+)'/.exec(violation.message)?.[1];
  const segments = required === undefined ? rest : [...rest, required];
  const field = segments.reduce(
    (path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment),
    "",
  );
  return { part: `${side} ${where}`.trim() || "message", field: field || null };
}

/** The spec's first server: where live calls go unless CRM_KIT_LIVE_UPSTREAM_<API> says otherwise. */
export function productionServer(spec: LoadedSpec, root: string): string {
  const url = (spec.document.servers as Array<{ url?: unknown }> | undefined)?.[0]?.url;
  if (typeof url !== "string" || !url) throw new Error(`${root}: no servers[0].url to send live calls to; add the production server first`);
  return url;
}

/**
 * Live drift mode: the read-only calls of scripts/lib/live-calls.ts, sent to each real API whose
 * credentials are in the environment, through Prism in proxy mode. Prism forwards every request and
 * reports in `sl-violations` where the request or the real response breaks the spec; each violation
 * is reported with its operation and field. Prism is stopped whatever happens.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { ApiEntry } from "./api-registry.js";
import { liveApis as defaultLiveApis, type LiveApi, type LiveCall, type Send } from "./live-calls.js";
import { startPrism } from "./prism.js";
import { parseViolations, type ServedRecord } from "./recording-proxy.js";

type Env = Record<string, string | undefined>;

export interface LiveProblem {
  api: string;
  operationId: string;
  /** "METHOD /path" as sent. */
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
  /** The calls per API (default: scripts/lib/live-calls.ts). */
  liveApis?: Record<string, LiveApi>;
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
    const upstream = env[upstreamVariable(api.name)] ?? productionServer(api.root);
    let prism;
    try {
      prism = await startPrism({ name: api.name, spec: api.root, mode: "proxy", upstream, errors: false });
    } catch (error) {
      log(`${api.name}: ✗ ${(error as Error).message}`);
      result.problems.push({ api: api.name, operationId: "-", request: "-", part: "Prism", field: null, message: (error as Error).message.split("\n")[0] ?? "" });
      continue;
    }
    log(`${api.name}: through Prism at ${prism.url} (proxy) to ${upstream}`);
    try {
      await runCalls(api.name, live, prism.url, env, log, result.problems);
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
  for (const p of result.problems) lines.push(`  ${p.api} ${p.operationId} (${p.request}) ${p.part}${p.field ? `, field ${p.field}` : ""}: ${p.message}`);
  lines.push("  Fix the spec when the API changed (then regenerate and rerun the contract tests), or report the vendor's bug.");
  return { lines, failed: true };
}

async function runCalls(api: string, live: LiveApi, prismUrl: string, env: Env, log: (line: string) => void, problems: LiveProblem[]) {
  const send: Send = async (call, headers) => {
    const request = `${call.method} ${call.path}`;
    const url = new URL(call.path, prismUrl);
    for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
    let response: Response;
    try {
      response = await fetch(url, {
        method: call.method,
        headers: { Accept: "application/json", ...(call.body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
      });
    } catch (error) {
      const message = `Prism did not answer: ${(error as Error).message}`;
      problems.push({ api, operationId: call.operationId, request, part: "call", field: null, message });
      throw new Error(message);
    }
    const text = await response.text();
    const body = parseJson(text);
    const violations = parseViolations(response.headers.get("sl-violations") ?? undefined);
    const failedCall = callFailure(response, body, text);
    const errors = violations.filter((v) => v.severity === "Error");
    log(`  ${failedCall || errors.length > 0 ? "✗" : "✓"} ${call.operationId} ${request} -> ${response.status}`);
    for (const violation of violations) {
      const { part, field } = describeLocation(violation);
      log(`      ${violation.severity.toLowerCase()}: ${part}${field ? `, field ${field}` : ""}: ${violation.message}`);
      if (violation.severity === "Error") problems.push({ api, operationId: call.operationId, request, part, field, message: violation.message });
    }
    if (failedCall) {
      log(`      ${failedCall}`);
      problems.push({ api, operationId: call.operationId, request, part: "call", field: null, message: failedCall });
      throw new Error(failedCall);
    }
    return body;
  };

  let session;
  try {
    session = await live.login(env, send);
  } catch (error) {
    log(`  ✗ login failed: ${(error as Error).message}; the other calls of ${api} were not sent`);
    if (!problems.some((p) => p.api === api)) problems.push({ api, operationId: "login", request: "-", part: "call", field: null, message: (error as Error).message });
    return;
  }
  const answers: Record<string, unknown> = {};
  for (const call of live.calls) {
    const params = call.params?.(session, answers) ?? {};
    if (Object.values(params).some((value) => value === undefined)) {
      log(`  - ${call.operationId} ${call.method} ${call.path}: not sent, ${call.skipReason ?? "a path parameter is unknown"}`);
      continue;
    }
    const path = call.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
    answers[call.operationId] = await send({ ...call, path } satisfies LiveCall, session.headers).catch(() => undefined);
  }
}

/** Why a call failed (a non-2xx status, or Prism's own error), or null. */
function callFailure(response: Response, body: unknown, text: string): string | null {
  const type = (body as { type?: unknown } | undefined)?.type;
  if (typeof type === "string" && type.includes("stoplight.io/prism/errors")) {
    const { title, detail } = body as { title?: string; detail?: string };
    return `Prism answered ${response.status} itself (${title ?? type}${detail ? `: ${detail}` : ""}); the request may not have reached the API`;
  }
  if (response.ok) return null;
  const hint = response.status === 401 || response.status === 403 ? " (check the credentials)" : "";
  return `expected a 2xx answer, got ${response.status}${hint}: ${text.slice(0, 200)}`;
}

/** ["response","body","data","0"] + "must have required property 'name'" -> part "response body", field "data[0].name". */
export function describeLocation(violation: ServedRecord["violations"][number]): { part: string; field: string | null } {
  const [side = "", where = "", ...rest] = violation.location;
  const required = /must have required property '([^']+)'/.exec(violation.message)?.[1];
  const segments = required === undefined ? rest : [...rest, required];
  const field = segments.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), "");
  return { part: `${side} ${where}`.trim() || "message", field: field || null };
}

function productionServer(root: string): string {
  const spec = parse(readFileSync(root, "utf8")) as { servers?: Array<{ url?: string }> };
  const url = spec.servers?.[0]?.url;
  if (!url) throw new Error(`${root}: no servers[0].url to send live calls to; add the production server first`);
  return url;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

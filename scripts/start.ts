/**
 * `npm start`: every API in redocly.yaml on its fixed port: its stateful sandbox (crm-kit/sandbox) behind
 * Prism's validating proxy, or Prism's example mock for an API without a sandbox. A table of API -> URL
 * with ready curl lines, request logging, and a clean stop of everything on Ctrl-C or when any part dies.
 *   npm start                                   all APIs on their x-crm-kit.mockPort
 *   npm start -- --static                       Prism's example mocks only, no sandbox
 *   npm start -- --port folk=5011               override one port (or MOCK_PORT_FOLK=5011)
 *   npm start -- --only featurebase,folk        a subset
 *   npm start -- --rate-limit documented        each vendor's published rate limits (or e.g. 100/60s for all)
 *   npm start -- --fail status=503,count=2      the first two calls to each sandbox answer 503 (repeatable;
 *                                               also api=, operationId=, delayMs=, stallBody, applied)
 */
import {
  createSandbox,
  type InjectedFailure,
  type RateLimit,
  type Sandbox,
  type SandboxApi,
  type SandboxServer,
} from "../src/sandbox/index.js";
import type { SandboxDemo } from "../src/sandbox/types.js";
import { sandboxVendors } from "../src/sandbox/vendors.js";
import { type ApiEntry, loadApis } from "./lib/api-registry.js";
import { isEntryPoint } from "./lib/entry-point.js";
import { type RunningPrism, startPrism } from "./lib/prism.js";
import { type LoadedSpec, loadSpec, type OpenApiNode } from "./lib/spec-operations.js";

interface StartArgs {
  ports: Map<string, number>;
  only: Set<string> | null;
  /** Serve Prism's example mocks even for APIs that have a sandbox. */
  static: boolean;
  /** `--rate-limit`: every sandbox's rate limit. */
  rateLimit?: RateLimit | "documented";
  /** `--fail`: failures injected into the sandboxes at start, in order. */
  failures: FailFlag[];
}

/** One `--fail` flag: `count` failures for one API's sandbox (`api`) or every one. */
export interface FailFlag {
  api?: string;
  count: number;
  failure: InjectedFailure;
}

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000 };

/** `documented`, or `<calls>/<window>` with the window in ms, s or m (`100/60s`). */
export function parseRateLimit(value: string): RateLimit | "documented" {
  if (value === "documented") return value;
  const match = /^(\d+)\/(\d+)(ms|s|m)$/.exec(value);
  const limit = Number(match?.[1]);
  const windowMs = Number(match?.[2]) * (DURATION_UNITS[match?.[3] ?? ""] ?? Number.NaN);
  if (!match || !(limit > 0) || !(windowMs > 0)) {
    throw new Error(`--rate-limit: "${value}" is neither "documented" nor <calls>/<window> such as 100/60s, 5/1000ms or 2000/5m`);
  }
  return { limit, windowMs };
}

/** `status=503,count=2,api=kare,operationId=listCompanies,delayMs=2000,stallBody,applied` (each part optional). */
export function parseFail(value: string, known: string[]): FailFlag {
  const flag: FailFlag = { count: 1, failure: {} };
  const integer = (name: string, text: string) => {
    if (!/^\d+$/.test(text)) throw new Error(`--fail: ${name} must be a whole number, got "${text}" in "${value}"`);
    return Number(text);
  };
  for (const part of value.split(",").filter(Boolean)) {
    const [name = "", text] = part.split("=", 2);
    if (name === "stallBody" || name === "applied") {
      if (text !== undefined) throw new Error(`--fail: ${name} takes no value, got "${part}"`);
      flag.failure[name] = true;
      continue;
    }
    if (text === undefined || text === "") throw new Error(`--fail: ${name} needs a value (${name}=...), got "${part}"`);
    if (name === "status") flag.failure.status = integer(name, text);
    else if (name === "delayMs") flag.failure.delayMs = integer(name, text);
    else if (name === "count") flag.count = integer(name, text);
    else if (name === "operationId") flag.failure.operationId = text;
    else if (name === "api") {
      if (!known.includes(text)) throw new Error(`--fail: unknown API "${text}" (known: ${known.join(", ")})`);
      flag.api = text;
    } else {
      throw new Error(`--fail: unknown field "${name}" in "${value}" (use status, count, api, operationId, delayMs, stallBody, applied)`);
    }
  }
  return flag;
}

export function parseStartArgs(argv: string[], env: NodeJS.ProcessEnv, known: string[]): StartArgs {
  const ports = new Map<string, number>();
  let only: Set<string> | null = null;
  let staticMocks = false;
  let rateLimit: StartArgs["rateLimit"];
  const failures: FailFlag[] = [];
  const checkName = (name: string, flag: string) => {
    if (!known.includes(name)) throw new Error(`${flag}: unknown API "${name}" (known: ${known.join(", ")})`);
  };
  const setPort = (name: string, value: string, flag: string) => {
    checkName(name, flag);
    const port = Number(value);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${flag}: "${value}" is not a port number`);
    ports.set(name, port);
  };
  for (const name of known) {
    const variable = `MOCK_PORT_${name.toUpperCase().replace(/-/g, "_")}`;
    const value = env[variable];
    if (value) setPort(name, value, variable);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = argv[i + 1];
    if (["--port", "--only", "--rate-limit", "--fail"].includes(arg) && value === undefined) throw new Error(`${arg} needs a value`);
    if (arg === "--port") {
      const [name, port] = (value as string).split("=");
      if (!name || !port) throw new Error(`--port expects api=port, got "${value}"`);
      setPort(name, port, "--port");
      i++;
    } else if (arg === "--only") {
      only = new Set((value as string).split(",").filter(Boolean));
      for (const name of only) checkName(name, "--only");
      i++;
    } else if (arg === "--static") {
      staticMocks = true;
    } else if (arg === "--rate-limit") {
      rateLimit = parseRateLimit(value as string);
      i++;
    } else if (arg === "--fail") {
      failures.push(parseFail(value as string, known));
      i++;
    } else {
      throw new Error(`unknown argument "${arg}" (use --port api=port, --only a,b, --static, --rate-limit or --fail)`);
    }
  }
  if (staticMocks && (rateLimit || failures.length > 0)) {
    throw new Error("--rate-limit and --fail act on the sandboxes; --static serves none (drop one or the other)");
  }
  return { ports, only, static: staticMocks, ...(rateLimit ? { rateLimit } : {}), failures };
}

/**
 * A ready-to-paste curl line for the first GET operation (one without path parameters if there is
 * one), with the spec's example values for its path parameters and required headers.
 */
export function curlLine(url: string, spec: LoadedSpec): string {
  const gets = spec.operations.filter((o) => o.method === "GET");
  const op = gets.find((o) => !o.path.includes("{")) ?? gets[0];
  if (!op) return "(this API has no GET operation)";
  const item = spec.document.paths[op.path];
  const params: OpenApiNode[] = [...(item.parameters ?? []), ...(item.get.parameters ?? [])];
  const exampleOf = (p: OpenApiNode) => String(p.example ?? p.schema?.examples?.[0] ?? p.schema?.example ?? p.schema?.minimum ?? "1");
  let path = op.path;
  for (const p of params.filter((p) => p.in === "path")) path = path.replace(`{${p.name}}`, encodeURIComponent(exampleOf(p)));
  const headers = ["-H 'Authorization: Bearer mock-key'"];
  for (const p of params) if (p.in === "header" && p.required) headers.push(`-H '${p.name}: ${exampleOf(p)}'`);
  return `curl -s ${headers.join(" ")} ${url}${path}`;
}

/**
 * A write and a read that returns it, as curl lines against a sandbox; for a vendor with a session, first a line
 * that logs in and keeps the token in $TOKEN.
 */
export function sandboxCurlLines(url: string, demo: SandboxDemo): string[] {
  const quoted = (body: unknown) => `'${JSON.stringify(body).replace(/'/g, "'\\''")}'`;
  const bearer = "-H 'Authorization: Bearer sandbox-key'";
  const { session } = demo;
  const auth = !session
    ? bearer
    : session.header.toLowerCase() === "authorization"
      ? `-H "Authorization: Bearer $TOKEN"`
      : `${bearer} -H "${session.header}: $TOKEN"`;
  const json = "-H 'Content-Type: application/json'";
  return [
    ...(session
      ? [
          `TOKEN=$(curl -s -X POST ${bearer} ${json} -d ${quoted(session.body)} ${url}${session.path} | sed -E 's/.*"${session.token}":"([^"]+)".*/\\1/')`,
        ]
      : []),
    `curl -s -X ${demo.write.method} ${auth} ${json} -d ${quoted(demo.write.body)} ${url}${demo.write.path}`,
    `curl -s -g ${auth} '${url}${demo.read.path}'`,
  ];
}

/**
 * The API's sandbox with `--rate-limit` and the `--fail` failures meant for it: those naming it, and those
 * naming no API whose operationId (if any) is one of its operations.
 */
export function configuredSandbox(api: SandboxApi, args: Pick<StartArgs, "rateLimit" | "failures">): Sandbox {
  const sandbox = createSandbox(api, args.rateLimit ? { rateLimit: args.rateLimit } : {});
  const operations = Object.keys(sandboxVendors[api].handlers);
  for (const { api: only, count, failure } of args.failures) {
    if (only !== undefined ? only !== api : failure.operationId !== undefined && !operations.includes(failure.operationId)) continue;
    try {
      // A command-line operationId is any string: failNext checks it against the API's and names the valid ones.
      sandbox.failNext(count, failure as InjectedFailure<never>);
    } catch (error) {
      throw new Error(`--fail: ${(error as Error).message.replace(/^sandbox\.failNext: /, "")}`);
    }
  }
  return sandbox;
}

/** Throws, naming the flag, when a `--fail` would reach none of the sandboxes being started. */
export function checkFailTargets(args: Pick<StartArgs, "failures">, started: SandboxApi[]): void {
  for (const { api, failure } of args.failures) {
    const targets = started.filter(
      (name) =>
        (api === undefined || api === name) &&
        (failure.operationId === undefined || Object.hasOwn(sandboxVendors[name].handlers, failure.operationId)),
    );
    if (targets.length === 0) {
      const what = [api && `API ${api}`, failure.operationId && `operation ${failure.operationId}`].filter(Boolean).join(" and ");
      throw new Error(`--fail: no sandbox being started has ${what || "any operation"} (started: ${started.join(", ") || "none"})`);
    }
  }
}

/** The API's sandbox on a free loopback port, with Prism's validating proxy on the public port in front. */
async function startSandbox(
  api: ApiEntry,
  port: number,
  onLine: (line: string) => void,
  args: StartArgs,
): Promise<{ server: SandboxServer; prism: RunningPrism }> {
  const server = await configuredSandbox(api.name as SandboxApi, args).listen({ port: 0 });
  try {
    // The sandbox answers an invalid request with the vendor's own 400/422; Prism checks every response.
    const prism = await startPrism({
      name: api.name,
      spec: api.root,
      port,
      errors: true,
      mode: "proxy",
      upstream: server.url,
      validateRequest: false,
      onLine,
    });
    return { server, prism };
  } catch (error) {
    await server.close();
    throw error;
  }
}

async function main() {
  const apis = loadApis();
  let args: StartArgs;
  let selected: ApiEntry[];
  try {
    args = parseStartArgs(
      process.argv.slice(2),
      process.env,
      apis.map((a) => a.name),
    );
    const only = args.only;
    selected = apis.filter((a) => !only || only.has(a.name));
    const sandboxed = args.static ? [] : selected.flatMap((a) => (Object.hasOwn(sandboxVendors, a.name) ? [a.name as SandboxApi] : []));
    checkFailTargets(args, sandboxed);
  } catch (error) {
    // A bad flag: its message names it; a stack trace would only hide that.
    console.error(`npm start: ${(error as Error).message}`);
    process.exit(2);
  }
  const running: RunningPrism[] = [];
  const servers: SandboxServer[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.allSettled([...running.map((p) => p.stop()), ...servers.map((s) => s.close())]);
    process.exit(code);
  };
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));

  const rows: Array<{ api: ApiEntry; port: number; url: string; servedBy: string; curl: string[] }> = [];
  try {
    await Promise.all(
      selected.map(async (api) => {
        const port = args.ports.get(api.name) ?? api.mockPort;
        const onLine = (line: string) => logLine(api.name, line);
        const vendor = args.static ? undefined : sandboxVendors[api.name as keyof typeof sandboxVendors];
        let prism: RunningPrism;
        if (vendor) {
          const started = await startSandbox(api, port, onLine, args);
          servers.push(started.server);
          prism = started.prism;
          running.push(prism);
          const servedBy = "stateful sandbox, behind Prism's validating proxy";
          rows.push({ api, port: prism.port, url: prism.url, servedBy, curl: sandboxCurlLines(prism.url, vendor.demo) });
        } else {
          const [spec, mock] = await Promise.all([
            loadSpec(api.root),
            startPrism({ name: api.name, spec: api.root, port, errors: true, onLine }),
          ]);
          prism = mock;
          running.push(prism);
          const servedBy = args.static ? "Prism example mock (static)" : "Prism example mock (static: no sandbox for this API yet)";
          rows.push({ api, port: prism.port, url: prism.url, servedBy, curl: [curlLine(prism.url, spec)] });
        }
        void prism.exited.then((code) => {
          if (stopping) return;
          console.error(`\n${api.name}: Prism exited (code ${code}); stopping the others.`);
          void stopAll(1);
        });
      }),
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stopAll(1);
    return;
  }
  rows.sort((a, b) => a.port - b.port);
  const width = Math.max(...rows.map((r) => r.api.name.length), "API".length);
  const urlWidth = Math.max(...rows.map((r) => r.url.length), "URL".length);
  console.log(`\ncrm-kit ${args.static ? "mocks" : "sandboxes and mocks"} (Prism with --errors). Ctrl-C stops them all.\n`);
  console.log(`  ${"API".padEnd(width)}  ${"URL".padEnd(urlWidth)}  served by`);
  for (const r of rows) {
    console.log(`  ${r.api.name.padEnd(width)}  ${r.url.padEnd(urlWidth)}  ${r.servedBy}`);
    for (const [i, line] of r.curl.entries()) console.log(`  ${" ".repeat(width)}  ${i === 0 ? "try: " : "then:"} ${line}`);
  }
  console.log("\nRequests are logged below.\n");
}

/** Relays Prism's request lines (not its negotiation chatter) prefixed with the API name. */
function logLine(api: string, line: string) {
  if (/Request received|> Responding with|Violation:|✖/.test(line)) {
    console.log(`[${api}] ${line.replace(/^\[[^\]]*\]\s*›\s*/, "").trim()}`);
  }
}

if (isEntryPoint(import.meta.url)) {
  await main();
}

/**
 * `crm-kit sandbox`: serves the sandboxes over HTTP on loopback, one port per API, until SIGINT or SIGTERM.
 * Argument parsing is node:util's parseArgs; what it cannot check (API names, ports, durations) is checked
 * here, and every refusal names the flag.
 */
import { isIP } from "node:net";
import { parseArgs } from "node:util";
import { type RateLimit, SANDBOX_APIS, type Sandbox, type SandboxApi, type SandboxServer } from "../sandbox/index.js";
import { checkFailTargets, configuredSandbox, type FailFlag, parseDuration, parseFail, parseRateLimit } from "./sandbox-flags.js";

export const SANDBOX_USAGE = `Usage: crm-kit sandbox [options]

Serves crm-kit's stateful sandboxes over HTTP on loopback, each API on its own port, and prints one line per
API with its name and base URL. State is kept in memory while it runs; Ctrl-C (SIGINT) or SIGTERM stops it.

Options:
  --api <names>           APIs to serve, comma-separated (default: all: ${SANDBOX_APIS.join(",")})
  --port <port>           port of the first API; the next ones count up from it (default: free ports)
  --host <address>        loopback address to bind: 127.0.0.1 (default), another 127.x.x.x, ::1 or localhost
  --no-seed               start empty instead of with the records of the spec's examples
  --rate-limit <limit>    answer 429 past a limit: "documented" (each vendor's published limits) or
                          <calls>/<window> such as 100/60s, 5/1000ms or 2000/5m (default: no limit)
  --fail <failure>        fail the first calls, e.g. status=503,count=2 (also api=, operationId=, delayMs=,
                          stallBody, applied); repeatable
  --token-ttl <duration>  lifetime of an emnify auth token (default 240m), e.g. 90s, 30m, 4h or 1500 (ms)
  --session-ttl <duration>
                          lifetime of a Kare session (default 24h)
  --validate-responses    answer 500 when a sandbox reply breaks its spec (a sandbox bug)
  -h, --help              show this help
`;

export interface SandboxCommand {
  apis: SandboxApi[];
  /** Port of the first API, or undefined for free ports. */
  port: number | undefined;
  host: string;
  seed: boolean;
  rateLimit: RateLimit | "documented" | undefined;
  failures: FailFlag[];
  tokenTtlMs: number | undefined;
  sessionTtlMs: number | undefined;
  validateResponses: boolean;
}

/** A command-line mistake: the message names the flag; the process exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The command's settings, or "help"; throws a UsageError naming the flag for anything it cannot read. */
export function parseSandboxCommand(argv: string[]): SandboxCommand | "help" {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(argv);
  } catch (error) {
    // parseArgs: "Unknown option '--prot'. To specify a positional argument starting with a '-', …"
    const message = (error as Error).message.split(". ")[0] ?? String(error);
    throw new UsageError(`${message.charAt(0).toLowerCase()}${message.slice(1)} (crm-kit sandbox --help lists the options)`);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (crm-kit sandbox --help lists the options)`);
  const usage = <T>(read: () => T): T => {
    try {
      return read();
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  };
  return {
    apis: values.api === undefined ? [...SANDBOX_APIS] : parseApis(values.api),
    port: values.port === undefined ? undefined : parsePort(values.port),
    host: parseHost(values.host ?? "127.0.0.1"),
    seed: values.seed !== false,
    rateLimit: values["rate-limit"] === undefined ? undefined : usage(() => parseRateLimit(values["rate-limit"] as string)),
    failures: (values.fail ?? []).map((value) => usage(() => parseFail(value, SANDBOX_APIS))),
    tokenTtlMs: values["token-ttl"] === undefined ? undefined : usage(() => parseDuration("--token-ttl", values["token-ttl"] as string)),
    sessionTtlMs:
      values["session-ttl"] === undefined ? undefined : usage(() => parseDuration("--session-ttl", values["session-ttl"] as string)),
    validateResponses: values["validate-responses"] === true,
  };
}

function parseFlags(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    allowNegative: true,
    strict: true,
    options: {
      api: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "boolean" },
      "rate-limit": { type: "string" },
      fail: { type: "string", multiple: true },
      "token-ttl": { type: "string" },
      "session-ttl": { type: "string" },
      "validate-responses": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function parseApis(value: string): SandboxApi[] {
  const names = value.split(",").map((name) => name.trim());
  const apis: SandboxApi[] = [];
  for (const name of names) {
    if (!(SANDBOX_APIS as string[]).includes(name)) {
      throw new UsageError(`--api: unknown API "${name}" (known: ${SANDBOX_APIS.join(", ")})`);
    }
    if (apis.includes(name as SandboxApi)) throw new UsageError(`--api: "${name}" is named twice`);
    apis.push(name as SandboxApi);
  }
  return apis;
}

function parsePort(value: string): number {
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) throw new UsageError(`--port: "${value}" is not a port (1-65535)`);
  return port;
}

/** Loopback only: the sandboxes accept any credentials, so they must not be reachable from another machine. */
function parseHost(value: string): string {
  const loopback = value === "localhost" || value === "::1" || (isIP(value) === 4 && value.startsWith("127."));
  if (!loopback) throw new UsageError(`--host: "${value}" is not a loopback address (use 127.0.0.1, another 127.x.x.x, ::1 or localhost)`);
  return value;
}

/** The command's sandboxes, configured (options, then the `--fail` failures meant for each). */
export function sandboxesOf(command: SandboxCommand): Map<SandboxApi, Sandbox> {
  const sandboxes = new Map<SandboxApi, Sandbox>();
  try {
    checkFailTargets(command, command.apis);
    for (const api of command.apis) {
      const options = {
        seed: command.seed,
        validateResponses: command.validateResponses,
        ...(api === "emnify" && command.tokenTtlMs !== undefined ? { tokenTtlMs: command.tokenTtlMs } : {}),
        ...(api === "kare" && command.sessionTtlMs !== undefined ? { sessionTtlMs: command.sessionTtlMs } : {}),
      };
      sandboxes.set(
        api,
        configuredSandbox(api, { ...(command.rateLimit ? { rateLimit: command.rateLimit } : {}), failures: command.failures }, options),
      );
    }
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return sandboxes;
}

export interface RunningSandboxes {
  servers: Array<{ api: SandboxApi; server: SandboxServer }>;
  close(): Promise<void>;
}

/** Serves each sandbox on its port; when one cannot listen, closes those already listening and throws. */
export async function serveSandboxes(command: SandboxCommand): Promise<RunningSandboxes> {
  const servers: RunningSandboxes["servers"] = [];
  const close = async () => {
    await Promise.all(servers.splice(0).map(({ server }) => server.close()));
  };
  let offset = 0;
  for (const [api, sandbox] of sandboxesOf(command)) {
    const port = command.port === undefined ? 0 : command.port + offset++;
    try {
      servers.push({ api, server: await sandbox.listen({ port, host: command.host }) });
    } catch (error) {
      await close();
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === "EADDRINUSE" ? "is in use" : code === "EACCES" ? "is not allowed" : `failed: ${(error as Error).message}`;
      throw new Error(
        `${api}: listening on ${command.host} port ${port} ${why}${command.port === undefined ? "" : " (choose another with --port)"}`,
      );
    }
  }
  return { servers, close };
}

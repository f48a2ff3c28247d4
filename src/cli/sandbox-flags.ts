/**
 * The flags that configure a sandbox from a command line, shared by `npx crm-kit sandbox` and the repository's
 * `npm start`: a rate limit, injected failures, durations. Each parser throws an Error that names the flag and
 * the value it could not read.
 */
import {
  createSandbox,
  type InjectedFailure,
  type RateLimit,
  type Sandbox,
  type SandboxApi,
  type SandboxOptionsOf,
} from "../sandbox/index.js";
import { sandboxVendors } from "../sandbox/vendors.js";

/** One `--fail` flag: `count` failures for one API's sandbox (`api`) or every one. */
export interface FailFlag {
  api?: string;
  count: number;
  failure: InjectedFailure;
}

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

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

/**
 * The API's sandbox with its options (`rateLimit` from `--rate-limit`, …) and the `--fail` failures meant for it:
 * those naming it, and those naming no API whose operationId (if any) is one of its operations.
 */
export function configuredSandbox<Api extends SandboxApi>(
  api: Api,
  args: { rateLimit?: RateLimit | "documented"; failures: FailFlag[] },
  options: SandboxOptionsOf<Api> = {} as SandboxOptionsOf<Api>,
): Sandbox {
  const sandbox = createSandbox(api, { ...options, ...(args.rateLimit ? { rateLimit: args.rateLimit } : {}) });
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
export function checkFailTargets(args: { failures: FailFlag[] }, started: SandboxApi[]): void {
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

/** A duration: whole milliseconds (`1500`), or a number with a unit (`250ms`, `90s`, `30m`, `4h`). */
export function parseDuration(flag: string, value: string): number {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(value);
  const ms = Number(match?.[1]) * (match?.[2] === undefined ? 1 : (DURATION_UNITS[match[2]] ?? Number.NaN));
  if (!match || !Number.isSafeInteger(ms) || ms <= 0) {
    throw new Error(`${flag}: "${value}" is not a duration; use milliseconds (1500) or a number with ms, s, m or h (90s, 30m, 4h)`);
  }
  return ms;
}

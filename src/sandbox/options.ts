/** The options of `createSandbox`, checked so a typo is an error rather than a silently ignored setting. */

/** A fixed-window rate limit: at most `limit` calls per `windowMs`, then 429 until the window ends. */
export interface RateLimit {
  /** Calls allowed per window (a positive integer). */
  limit: number;
  /** Window length in ms (a positive integer). */
  windowMs: number;
}

export interface SandboxOptions {
  /** Start from the records of the spec's examples (default true); `false` starts empty. */
  seed?: boolean;
  /** Reject a call with a SandboxContractError when the sandbox's reply breaks the spec (default false; the tests turn it on). */
  validateResponses?: boolean;
  /**
   * The clock, in epoch ms, for token and session expiry and rate-limit windows (defaults to Date.now, read on
   * every call, so vitest's fake timers move it).
   */
  now?: () => number;
  /**
   * Answer 429, with the vendor's documented headers, past a limit (default: no limit). `"documented"` applies
   * the vendor's published limits (listed in docs/sandbox/README.md); `{ limit, windowMs }` one limit for every
   * call.
   */
  rateLimit?: RateLimit | "documented";
}

export type CheckedSandboxOptions = Required<Omit<SandboxOptions, "rateLimit">> & Pick<SandboxOptions, "rateLimit">;

type Check = (value: unknown) => string | undefined;

const isBoolean: Check = (value) => (typeof value === "boolean" ? undefined : "must be true or false");

/** A check that the value is a positive safe integer (a count, or a time in ms). */
export const positiveInteger: Check = (value) =>
  Number.isSafeInteger(value) && (value as number) > 0 ? undefined : "must be a positive integer";

/** Every option and the check of its value; a new option is one more entry. */
const OPTION_CHECKS: { [Name in keyof Required<SandboxOptions>]: Check } = {
  seed: isBoolean,
  validateResponses: isBoolean,
  now: (value) => (typeof value === "function" ? undefined : "must be a function returning epoch milliseconds"),
  rateLimit: (value) => {
    if (value === "documented") return undefined;
    const shape = 'must be "documented" or { limit, windowMs } with positive integers';
    if (typeof value !== "object" || value === null || Array.isArray(value)) return shape;
    const { limit, windowMs, ...extra } = value as Record<string, unknown>;
    if (Object.keys(extra).length > 0) return `${shape} (unknown field ${Object.keys(extra).join(", ")})`;
    return positiveInteger(limit) === undefined && positiveInteger(windowMs) === undefined ? undefined : shape;
  },
};

export const SANDBOX_OPTION_NAMES = Object.keys(OPTION_CHECKS) as Array<keyof SandboxOptions>;

/**
 * Throws a TypeError naming the option (and the valid ones) when an option is unknown or its value is wrong.
 * `vendorChecks` are the checks of the vendor's own options (emnify's `tokenTtlMs`); their values are
 * returned apart, for the vendor's store.
 */
export function checkSandboxOptions(
  options: unknown,
  vendorChecks: Readonly<Record<string, Check>> = {},
): { settings: CheckedSandboxOptions; vendorOptions: Record<string, unknown> } {
  const valid = [...SANDBOX_OPTION_NAMES, ...Object.keys(vendorChecks)].join(", ");
  if (options !== undefined && (typeof options !== "object" || options === null || Array.isArray(options))) {
    throw new TypeError(`createSandbox: options must be an object with any of ${valid}`);
  }
  const vendorOptions: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options ?? {})) {
    const common = Object.hasOwn(OPTION_CHECKS, name) ? OPTION_CHECKS[name as keyof SandboxOptions] : undefined;
    const check = common ?? (Object.hasOwn(vendorChecks, name) ? vendorChecks[name] : undefined);
    if (!check) throw new TypeError(`createSandbox: unknown option "${name}" (valid options: ${valid})`);
    const problem = value === undefined ? undefined : check(value);
    if (problem) throw new TypeError(`createSandbox: option ${name} ${problem}, got ${describe(value)}`);
    if (!common && value !== undefined) vendorOptions[name] = value;
  }
  const given = (options ?? {}) as SandboxOptions;
  return {
    settings: {
      seed: given.seed ?? true,
      validateResponses: given.validateResponses ?? false,
      now: given.now ?? (() => Date.now()),
      rateLimit: given.rateLimit,
    },
    vendorOptions,
  };
}

function describe(value: unknown): string {
  return typeof value === "function" ? "a function" : JSON.stringify(value);
}

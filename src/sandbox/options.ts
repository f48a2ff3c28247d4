/** The options of `createSandbox`, checked so a typo is an error rather than a silently ignored setting. */

export interface SandboxOptions {
  /** Start from the records of the spec's examples (default true); `false` starts empty. */
  seed?: boolean;
  /** Reject a call with a SandboxContractError when the sandbox's reply breaks the spec (default false; the tests turn it on). */
  validateResponses?: boolean;
}

/** Every option and the check of its value; a new option is one more entry. */
const OPTION_CHECKS: { [Name in keyof Required<SandboxOptions>]: (value: unknown) => string | undefined } = {
  seed: (value) => (typeof value === "boolean" ? undefined : "must be true or false"),
  validateResponses: (value) => (typeof value === "boolean" ? undefined : "must be true or false"),
};

export const SANDBOX_OPTION_NAMES = Object.keys(OPTION_CHECKS) as Array<keyof SandboxOptions>;

/** Throws a TypeError naming the option (and the valid ones) when an option is unknown or its value is wrong. */
export function checkSandboxOptions(options: unknown): Required<SandboxOptions> {
  if (options === undefined) return { seed: true, validateResponses: false };
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(`createSandbox: options must be an object with any of ${SANDBOX_OPTION_NAMES.join(", ")}`);
  }
  for (const [name, value] of Object.entries(options)) {
    const check = OPTION_CHECKS[name as keyof SandboxOptions];
    if (!check) throw new TypeError(`createSandbox: unknown option "${name}" (valid options: ${SANDBOX_OPTION_NAMES.join(", ")})`);
    const problem = value === undefined ? undefined : check(value);
    if (problem) throw new TypeError(`createSandbox: option ${name} ${problem}, got ${JSON.stringify(value)}`);
  }
  const given = options as SandboxOptions;
  return { seed: given.seed ?? true, validateResponses: given.validateResponses ?? false };
}

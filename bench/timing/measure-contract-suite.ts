/** Contract-suite wall time: `npx vitest run --project contract`, Prism start-up and teardown included. */
import { runCommand } from "../lib/run-command.js";

export const CONTRACT_TARGET_MS = 60_000;

export interface ContractSuiteTiming {
  wallMs: number;
  /** The suite's exit code; a failing suite is reported, since its time may not be comparable. */
  code: number | null;
  /** "339 passed" etc., from vitest's summary lines. */
  tests: string;
  testFiles: string;
  pass: boolean;
}

export async function measureContractSuite(): Promise<ContractSuiteTiming> {
  const run = await runCommand("npx", ["vitest", "run", "--project", "contract"], 10 * 60_000);
  const summary = (label: string): string =>
    new RegExp(`^\\s*${label}\\s+(.+?)(?:\\s+\\(\\d+\\))?\\s*$`, "m").exec(run.output)?.[1] ?? "unknown";
  return {
    wallMs: run.ms,
    code: run.code,
    tests: summary("Tests"),
    testFiles: summary("Test Files"),
    pass: run.code === 0 && run.ms <= CONTRACT_TARGET_MS,
  };
}

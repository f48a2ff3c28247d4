#!/usr/bin/env node
/**
 * The package's command: `npx crm-kit sandbox [options]` (see `--help`). It needs nothing but the installed
 * package: no Prism and no dev dependency.
 */
import { readFileSync } from "node:fs";
import { parseSandboxCommand, SANDBOX_USAGE, serveSandboxes, UsageError } from "./sandbox-command.js";

const USAGE = `Usage: crm-kit <command> [options]

Commands:
  sandbox     serve the stateful sandboxes of Featurebase, folk, emnify and Kare over HTTP on loopback

Options:
  -h, --help      show this help (crm-kit sandbox --help: the sandbox's options)
  -v, --version   print crm-kit's version
`;

/** Runs the command; resolves to the exit code once a `sandbox` has been told to stop. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === "-v" || command === "--version") {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (command !== "sandbox") {
    process.stderr.write(`crm-kit: unknown command "${command}" (commands: sandbox; crm-kit --help)\n`);
    return 2;
  }
  try {
    const parsed = parseSandboxCommand(rest);
    if (parsed === "help") {
      process.stdout.write(SANDBOX_USAGE);
      return 0;
    }
    const running = await serveSandboxes(parsed);
    for (const { api, server } of running.servers) process.stdout.write(`${api.padEnd(12)}${server.url}\n`);
    return await new Promise<number>((resolve) => {
      const stop = (signal: NodeJS.Signals) => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        process.stderr.write(`crm-kit sandbox: ${signal}, stopping\n`);
        running.close().then(
          () => resolve(0),
          (error: unknown) => {
            process.stderr.write(`crm-kit sandbox: stopping failed: ${(error as Error).message}\n`);
            resolve(1);
          },
        );
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
  } catch (error) {
    process.stderr.write(`crm-kit sandbox: ${(error as Error).message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

/** The version in crm-kit's package.json, two folders up from src/cli/ (three from dist/src/cli/). */
function packageVersion(): string {
  for (const up of ["../../package.json", "../../../package.json"]) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(up, import.meta.url), "utf8")) as { name?: string; version?: string };
      if (manifest.name === "crm-kit" && manifest.version) return manifest.version;
    } catch {
      // not this folder
    }
  }
  return "unknown";
}

process.exitCode = await main(process.argv.slice(2));

/**
 * npm run workflows [-- --api folk [--api kare]] [-- --report path.json]
 * Serves each API's stateful sandbox over HTTP on a free port, runs `redocly respect` on its
 * workflows/<api>.arazzo.yaml against it (the server URL is passed in, never written into the file), writes a
 * JSON report (default reports/workflows.json), stops everything it started, and exits 1 when a step failed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadApis, repoRoot } from "./lib/api-registry.js";
import { runWorkflows, summarizeWorkflows } from "./lib/workflows.js";

const apis = loadApis();
let args: { api?: string[]; report?: string };
try {
  args = parseArgs({ options: { api: { type: "string", multiple: true }, report: { type: "string" } }, strict: true }).values;
} catch (error) {
  console.error(`${(error as Error).message}\nUsage: npm run workflows [-- --api <name> ...] [-- --report <file.json>]`);
  process.exit(2);
}
const asked = (args.api ?? []).flatMap((a) => a.split(",")).filter(Boolean);
const unknown = asked.filter((name) => !apis.some((a) => a.name === name));
if (unknown.length > 0) {
  console.error(`--api: unknown API ${unknown.join(", ")} (known: ${apis.map((a) => a.name).join(", ")})`);
  process.exit(2);
}

const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    // The first signal lets the run stop respect and close the sandboxes; a second one exits at once.
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  });

let report: Awaited<ReturnType<typeof runWorkflows>>;
try {
  report = await runWorkflows({
    apis: asked.length > 0 ? apis.filter((a) => asked.includes(a.name)) : apis,
    mode: "sandbox",
    env: process.env,
    log: (line) => console.log(line),
    signal: controller.signal,
  });
} catch (error) {
  // A malformed workflow file (or a step naming an operation the spec lacks): the message says where.
  console.error(`npm run workflows: ${(error as Error).message}`);
  process.exit(1);
}
const reportPath = resolve(repoRoot, args.report ?? "reports/workflows.json");
mkdirSync(dirname(reportPath), { recursive: true });
writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
console.log(summarizeWorkflows(report).join("\n"));
console.log(`\nReport: ${reportPath}`);
// An API asked for by name that could not run is a failure; in a full run it is only reported.
const unrun = report.apis.filter((a) => a.skipped && asked.includes(a.api));
for (const api of unrun) console.error(`${api.api} was asked for but did not run: ${api.skipped}`);
process.exitCode = controller.signal.aborted ? 130 : report.failed || unrun.length > 0 ? 1 : 0;

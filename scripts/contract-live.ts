/**
 * npm run contract:live [-- --allow-writes]
 * Makes the read-only calls of every API whose credentials are set (FEATUREBASE_API_KEY, FOLK_API_KEY,
 * EMNIFY_APPLICATION_TOKEN + EMNIFY_ORG_ID, KARE_TOKEN + KARE_SESSION_TOKEN or KARE_EMAIL/KARE_PASSWORD) with
 * the crm-kit clients, to the real API through Prism in proxy mode, and reports where requests or responses
 * (the clients' logins included) break the spec. Then runs the read-only Arazzo workflows of those APIs
 * against them (the ones that write too with --allow-writes) and writes reports/workflows-live.json.
 * CRM_KIT_LIVE_UPSTREAM_<API> points an API at another host. Exits 1 on any violation, failed call or step.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadApis, repoRoot } from "./lib/api-registry.js";
import { runContractLive, summarizeLive } from "./lib/contract-live.js";
import { runWorkflows, summarizeWorkflows } from "./lib/workflows.js";

let allowWrites = false;
try {
  allowWrites = parseArgs({ options: { "allow-writes": { type: "boolean" } }, strict: true }).values["allow-writes"] ?? false;
} catch (error) {
  console.error(`${(error as Error).message}\nUsage: npm run contract:live [-- --allow-writes]`);
  process.exit(2);
}

// Ctrl-C or a CI timeout: exiting runs the exit hooks, which kill every Prism and respect still running.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

const apis = loadApis();
const log = (line: string) => console.log(line);
const result = await runContractLive({ apis, env: process.env, log });
const { lines, failed } = summarizeLive(result);
console.log(lines.join("\n"));

console.log(`\nArazzo workflows against the real APIs (${allowWrites ? "writes allowed" : "read-only; --allow-writes runs the others"}):`);
const workflows = await runWorkflows({ apis, mode: "live", allowWrites, env: process.env, log });
const reportPath = resolve(repoRoot, "reports/workflows-live.json");
mkdirSync(resolve(repoRoot, "reports"), { recursive: true });
writeFileSync(reportPath, `${JSON.stringify(workflows, null, 2)}\n`);
console.log(`${summarizeWorkflows(workflows).join("\n")}\n\nReport: ${reportPath}`);
process.exitCode = failed || workflows.failed ? 1 : 0;

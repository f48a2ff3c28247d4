/**
 * Prints, per API, every operation × documented status and whether a contract test made the mock
 * serve it (from reports/contract-served.json, written by the contract tests' global setup).
 * Writes reports/contract-coverage.{json,md}; exits non-zero below 100 %.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { loadApis, repoRoot } from "./lib/api-registry.js";
import { type ApiCoverage, computeCoverage, coverageMarkdown, percent } from "./lib/contract-coverage.js";
import type { ServedRecord } from "./lib/recording-proxy.js";
import { loadSpec } from "./lib/spec-operations.js";

const servedPath = join(repoRoot, "reports", "contract-served.json");
if (!existsSync(servedPath)) {
  console.error(`${relative(repoRoot, servedPath)} not found: run the contract tests first (npm run test:contract).`);
  process.exit(1);
}
const records = JSON.parse(readFileSync(servedPath, "utf8")) as ServedRecord[];
const results: ApiCoverage[] = [];
for (const api of loadApis()) {
  const { operations } = await loadSpec(api.root);
  results.push(computeCoverage(api.name, operations, records));
}

for (const { api, rows, covered, total } of results) {
  console.log(`\n${api}: ${covered}/${total} operation × status pairs served (${percent(covered, total)})`);
  const width = Math.max(...rows.map((r) => r.operationId.length));
  for (const r of rows) {
    console.log(`  ${r.hits > 0 ? "✓" : "✗"} ${r.operationId.padEnd(width)} ${String(r.status)} ${r.method} ${r.path}`);
  }
}
writeFileSync(join(repoRoot, "reports", "contract-coverage.json"), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(repoRoot, "reports", "contract-coverage.md"), coverageMarkdown(results));

const missing = results.flatMap((r) => r.rows.filter((row) => row.hits === 0));
if (missing.length > 0) {
  console.error(`\nContract coverage below 100 %: ${missing.length} documented operation × status pair(s) were never served:`);
  for (const m of missing) console.error(`  ${m.api} ${m.operationId} ${m.status}`);
  process.exitCode = 1;
} else {
  console.log("\nContract coverage: 100 % of documented operation × status pairs served through the clients.");
}

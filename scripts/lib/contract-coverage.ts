/**
 * Contract coverage: which operation × documented status a contract test made a mock actually serve.
 * A record counts only when the mock answered from the spec (no Prism error) and the response it
 * served did not break the spec.
 */
import type { ServedRecord } from "./recording-proxy.js";
import type { SpecOperation } from "./spec-operations.js";

export interface CoverageRow {
  api: string;
  operationId: string;
  method: string;
  path: string;
  status: number;
  /** How many times the mock served this status for this operation. */
  hits: number;
}

export interface ApiCoverage {
  api: string;
  rows: CoverageRow[];
  covered: number;
  total: number;
}

export function computeCoverage(api: string, operations: SpecOperation[], records: ServedRecord[]): ApiCoverage {
  const rows: CoverageRow[] = [];
  for (const op of operations) {
    for (const status of op.statuses) {
      const hits = records.filter(
        (r) =>
          r.api === api &&
          r.operationId === op.operationId &&
          r.status === status &&
          r.prismError === null &&
          !r.violations.some((v) => v.location[0] === "response" && v.severity === "Error"),
      ).length;
      rows.push({ api, operationId: op.operationId, method: op.method, path: op.path, status, hits });
    }
  }
  return { api, rows, covered: rows.filter((r) => r.hits > 0).length, total: rows.length };
}

/** A Markdown table per API. */
export function coverageMarkdown(results: ApiCoverage[]): string {
  const out: string[] = ["# Contract coverage", ""];
  for (const { api, rows, covered, total } of results) {
    out.push(`## ${api}: ${covered}/${total} (${percent(covered, total)})`, "");
    out.push("| operation | method | path | status | served |", "|---|---|---|---|---|");
    for (const r of rows)
      out.push(`| ${r.operationId} | ${r.method} | \`${r.path}\` | ${r.status} | ${r.hits > 0 ? `yes (${r.hits})` : "**no**"} |`);
    out.push("");
  }
  return out.join("\n");
}

export function percent(covered: number, total: number): string {
  return total === 0 ? "n/a" : `${((100 * covered) / total).toFixed(1)} %`;
}

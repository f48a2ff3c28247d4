import { describe, expect, it } from "vitest";
import { computeCoverage, coverageMarkdown } from "../../scripts/lib/contract-coverage.js";
import type { ServedRecord } from "../../scripts/lib/recording-proxy.js";
import { matchOperation, type SpecOperation } from "../../scripts/lib/spec-operations.js";

const op = (operationId: string, method: string, path: string, statuses: number[], pattern: string): SpecOperation => ({
  operationId,
  method,
  path,
  statuses,
  matcher: new RegExp(pattern),
});
const operations = [
  op("searchThings", "POST", "/things/search", [200, 400], "^/things/search/?$"),
  op("getThing", "GET", "/things/{id}", [200, 404], "^/things/[^/]+/?$"),
];
const served = (operationId: string, status: number, extra: Partial<ServedRecord> = {}): ServedRecord => ({
  api: "acme",
  operationId,
  method: "GET",
  path: "/x",
  status,
  prismError: null,
  violations: [],
  ...extra,
});

describe("computeCoverage", () => {
  it("reports a documented status that was never served as uncovered", () => {
    const result = computeCoverage("acme", operations, [served("getThing", 200), served("getThing", 404), served("searchThings", 200)]);
    expect(result.total).toBe(4);
    expect(result.covered).toBe(3);
    expect(result.rows.filter((r) => r.hits === 0).map((r) => `${r.operationId} ${r.status}`)).toEqual(["searchThings 400"]);
  });

  it("does not count Prism's own errors or responses that broke the spec", () => {
    const result = computeCoverage("acme", operations, [
      served("getThing", 500, { prismError: "https://stoplight.io/prism/errors#VIOLATIONS" }),
      served("getThing", 200, { violations: [{ location: ["response", "body"], message: "bad", severity: "Error" }] }),
      served("getThing", 404, { violations: [{ location: ["request", "path", "id"], message: "pattern", severity: "Error" }] }),
    ]);
    expect(result.rows.map((r) => r.hits)).toEqual([0, 0, 0, 1]);
  });

  it("ignores records of another API", () => {
    expect(computeCoverage("acme", operations, [{ ...served("getThing", 200), api: "other" }]).covered).toBe(0);
  });

  it("renders a Markdown table that marks the missing pair", () => {
    const md = coverageMarkdown([computeCoverage("acme", operations, [served("getThing", 200)])]);
    expect(md).toContain("## acme: 1/4 (25.0 %)");
    expect(md).toContain("| getThing | GET | `/things/{id}` | 404 | **no** |");
  });
});

describe("matchOperation", () => {
  it("prefers the static path listed first over a templated sibling", () => {
    expect(matchOperation(operations, "POST", "/things/search")?.operationId).toBe("searchThings");
    expect(matchOperation(operations, "GET", "/things/search")?.operationId).toBe("getThing");
    expect(matchOperation(operations, "DELETE", "/things/1")).toBeUndefined();
  });
});

/**
 * The mock-fidelity lint rules (redocly/plugins/mock-fidelity.js), run through the real `redocly lint`:
 * one call for all failing fixtures (test/lint/fixtures/redocly.yaml lists one API per rule) and one
 * for the real specs with the real redocly.yaml.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import mockFidelityPlugin from "../../redocly/plugins/mock-fidelity.js";
import { repoRoot } from "../../scripts/lib/api-registry.js";
import { type LintReport, lint, type Problem, where } from "./redocly-lint.js";

const fixturesConfig = "test/lint/fixtures/redocly.yaml";
const ruleIds = Object.keys(mockFidelityPlugin().rules.oas3).map((id) => `mock-fidelity/${id}`);

let fixtureProblems: Problem[];
let realSpecs: LintReport[];

beforeAll(async () => {
  const [fixtures, real] = await Promise.all([lint("--config", fixturesConfig), lint()]);
  fixtureProblems = fixtures.flatMap((report) => report.problems);
  realSpecs = real;
}, 120_000);

describe("mock-fidelity lint rules", () => {
  it("redocly.yaml loads the plugin and runs each of its rules as an error", () => {
    const config = parse(readFileSync(join(repoRoot, "redocly.yaml"), "utf8")) as { plugins?: string[]; rules?: Record<string, unknown> };
    expect(config.plugins).toContain("redocly/plugins/mock-fidelity.js");
    for (const id of ruleIds) expect(config.rules?.[id], id).toBe("error");
  });

  it("has a failing fixture for every rule", () => {
    const fixtures = parse(readFileSync(join(repoRoot, fixturesConfig), "utf8")) as { apis: Record<string, unknown> };
    expect(
      Object.keys(fixtures.apis)
        .map((api) => `mock-fidelity/${api}`)
        .sort(),
    ).toEqual([...ruleIds].sort());
    expect([...new Set(fixtureProblems.map((p) => p.ruleId))].sort()).toEqual([...ruleIds].sort());
  });

  const expected: Record<string, string[]> = {
    "json-schema-dialect": ["test/lint/fixtures/missing-json-schema-dialect.yaml #/"],
    "null-type-last": ["test/lint/fixtures/null-type-first.yaml #/components/schemas/Company/properties/domain/type"],
    "no-discriminator": ["test/lint/fixtures/discriminator.yaml #/components/schemas/Party/discriminator"],
    "no-circular-ref": [
      "test/lint/fixtures/circular-ref/schemas/File.yaml #/properties/folder/$ref",
      "test/lint/fixtures/circular-ref/openapi.yaml #/components/schemas/Node/properties/children/items/$ref",
    ],
    "no-binary-response": [
      "test/lint/fixtures/binary-response.yaml #/paths/~1export/get/responses/200/content/application~1octet-stream",
      "test/lint/fixtures/binary-response.yaml #/paths/~1logo/get/responses/200/content/text~1plain",
    ],
    "success-response-example": [
      "test/lint/fixtures/success-response-example.yaml #/paths/~1companies/get/responses/200/content/application~1json",
    ],
  };

  for (const [rule, locations] of Object.entries(expected)) {
    it(`mock-fidelity/${rule} fails on its fixture, at ${locations.length === 1 ? "the offending node" : `each of the ${locations.length} offending nodes`}`, () => {
      const problems = fixtureProblems.filter((p) => p.ruleId === `mock-fidelity/${rule}`);
      expect(problems.flatMap(where).sort()).toEqual([...locations].sort());
      for (const problem of problems) expect(problem.severity).toBe("error");
    });
  }

  it("reports nothing else on the fixtures (each fixture breaks exactly its own rule)", () => {
    expect(fixtureProblems).toHaveLength(Object.values(expected).flat().length);
  });

  it("passes the four real specs with no errors and no warnings", () => {
    expect(realSpecs).toHaveLength(4);
    for (const report of realSpecs) {
      expect(report.problems.map((p) => `${p.ruleId}: ${p.message} at ${where(p).join(", ")}`)).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    }
  });
});

/**
 * The configurable `rule/*` entries of redocly.yaml (the specs/README.md conventions Redocly can assert),
 * run through the real `redocly lint` with the real redocly.yaml, so the rules under test are the ones
 * `npm run lint:specs` runs, not a copy. Each rule has one fixture, test/lint/fixtures/<rule>.yaml or
 * <rule>/openapi.yaml, holding the shapes it must reject and the shapes it must let pass. The fixtures
 * are not valid vendor specs (no servers, no security), so only `rule/*` problems are looked at here.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../../scripts/lib/api-registry.js";
import { type LintReport, lint, type Problem, where } from "./redocly-lint.js";

const config = parse(readFileSync(join(repoRoot, "redocly.yaml"), "utf8")) as { rules?: Record<string, unknown> };
const ruleIds = Object.keys(config.rules ?? {}).filter((id) => id.startsWith("rule/"));
const fixtureOf = (ruleId: string) => {
  const name = ruleId.slice("rule/".length);
  const file = `test/lint/fixtures/${name}.yaml`;
  return existsSync(join(repoRoot, file)) ? file : `test/lint/fixtures/${name}/openapi.yaml`;
};

let fixtureProblems: Problem[];
let realSpecs: LintReport[];

beforeAll(async () => {
  const [fixtures, real] = await Promise.all([lint(...ruleIds.map(fixtureOf)), lint()]);
  fixtureProblems = fixtures.flatMap((report) => report.problems).filter((p) => p.ruleId.startsWith("rule/"));
  realSpecs = real;
}, 120_000);

describe("configurable lint rules of redocly.yaml", () => {
  const expected: Record<string, string[]> = {
    "operation-id-verb-noun": [
      "test/lint/fixtures/operation-id-verb-noun.yaml #/paths/~1a/get/operationId",
      "test/lint/fixtures/operation-id-verb-noun.yaml #/paths/~1b/get/operationId",
      "test/lint/fixtures/operation-id-verb-noun.yaml #/paths/~1c/get/operationId",
      "test/lint/fixtures/operation-id-verb-noun.yaml #/paths/~1d/get/operationId",
      "test/lint/fixtures/operation-id-verb-noun.yaml #/paths/~1e/get/operationId",
    ],
    "error-response-shared": [
      "test/lint/fixtures/error-response-shared/openapi.yaml #/paths/~1companies/get/responses/404",
      "test/lint/fixtures/error-response-shared/openapi.yaml #/paths/~1companies/get/responses/500",
      "test/lint/fixtures/error-response-shared/openapi.yaml #/paths/~1companies/get/responses/5XX",
      "test/lint/fixtures/error-response-shared/openapi.yaml #/paths/~1companies/post/responses/409",
    ],
  };

  it("redocly.yaml runs each configurable rule as an error, and each has a fixture and expected findings", () => {
    expect([...ruleIds].sort()).toEqual(
      Object.keys(expected)
        .map((rule) => `rule/${rule}`)
        .sort(),
    );
    for (const id of ruleIds) {
      expect(config.rules?.[id], id).toMatchObject({ severity: "error" });
      expect(existsSync(join(repoRoot, fixtureOf(id))), fixtureOf(id)).toBe(true);
    }
  });

  for (const [rule, locations] of Object.entries(expected)) {
    it(`rule/${rule} fails on its fixture at each of the ${locations.length} offending nodes and nowhere else`, () => {
      const problems = fixtureProblems.filter((p) => p.ruleId === `rule/${rule}`);
      expect(problems.flatMap(where).sort()).toEqual([...locations].sort());
      for (const problem of problems) expect(problem.severity).toBe("error");
    });
  }

  it("reports nothing else on the fixtures (each fixture breaks exactly its own rule)", () => {
    expect(fixtureProblems).toHaveLength(Object.values(expected).flat().length);
  });

  it("passes the four real specs", () => {
    expect(realSpecs).toHaveLength(4);
    const problems = realSpecs.flatMap((report) => report.problems).filter((p) => p.ruleId.startsWith("rule/"));
    expect(problems.map((p) => `${p.ruleId}: ${p.message} at ${where(p).join(", ")}`)).toEqual([]);
  });
});

/**
 * The retry-safety lint rule (redocly/plugins/retry-safety.js), run through the real `redocly lint`: on its
 * failing fixture (test/lint/fixtures/retry-safety/) and on the real specs with the real redocly.yaml.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../../scripts/lib/api-registry.js";
import { type LintReport, lint, type Problem, where } from "./redocly-lint.js";

const RULE = "retry-safety/idempotency-decided";
const FIXTURE = "test/lint/fixtures/retry-safety/openapi.yaml";

let fixtureProblems: Problem[];
let realSpecs: LintReport[];

beforeAll(async () => {
  const [fixture, real] = await Promise.all([lint("--config", "test/lint/fixtures/retry-safety/redocly.yaml"), lint()]);
  fixtureProblems = fixture.flatMap((report) => report.problems);
  realSpecs = real;
}, 120_000);

describe(RULE, () => {
  it("is loaded by redocly.yaml and runs as an error", () => {
    const config = parse(readFileSync(join(repoRoot, "redocly.yaml"), "utf8")) as { plugins?: string[]; rules?: Record<string, unknown> };
    expect(config.plugins).toContain("redocly/plugins/retry-safety.js");
    expect(config.rules?.[RULE]).toBe("error");
  });

  it("fails a POST and a PATCH without the extension, a non-boolean value, no because, an unknown field and false on a DELETE", () => {
    const found = fixtureProblems.map((p) => `${where(p).join(", ")}: ${p.message.split(":")[0]}`).sort();
    expect(found).toEqual(
      [
        `${FIXTURE} #/paths/~1bad/post: createCompany`,
        `${FIXTURE} #/paths/~1bad/patch: updateCompany`,
        `${FIXTURE} #/paths/~1bad/put/x-crm-kit-idempotent: upsertCompany`,
        `${FIXTURE} #/paths/~1bad/delete/x-crm-kit-idempotent: deleteCompany`,
        `${FIXTURE} #/paths/~1bad~1{id}/post/x-crm-kit-idempotent: attachContact`,
        `${FIXTURE} #/paths/~1bad~1{id}/patch/x-crm-kit-idempotent: updateContact`,
      ].sort(),
    );
    for (const problem of fixtureProblems) {
      expect(problem.ruleId).toBe(RULE);
      expect(problem.severity).toBe("error");
    }
  });

  it("says what is wrong and how to write the decision", () => {
    const message = (operationId: string) => fixtureProblems.find((p) => p.message.startsWith(`${operationId}:`))?.message;
    expect(message("createCompany")).toContain('x-crm-kit-idempotent: { value: true | false, because: "');
    expect(message("upsertCompany")).toContain('value must be true or false, not "yes"');
    expect(message("attachContact")).toContain("because must quote the vendor's words");
    expect(message("updateContact")).toContain("unknown field(s) retries");
    expect(message("deleteCompany")).toContain("false on a DELETE");
  });

  it("passes the four real specs: every POST and PATCH there has decided", () => {
    expect(realSpecs).toHaveLength(4);
    const problems = realSpecs.flatMap((report) => report.problems).filter((p) => p.ruleId === RULE);
    expect(problems.map((p) => `${p.message} at ${where(p).join(", ")}`)).toEqual([]);
  });
});

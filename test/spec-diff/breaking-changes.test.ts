/**
 * Breaking changes between fixture spec pairs (fixtures/base.yaml -> fixtures/<case>.yaml), found by
 * Optic plus the tightened-constraints ruleset, and the pass/fail verdict of the report.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type BreakingChange, findBreakingChanges, majorRaised } from "../../scripts/lib/breaking-changes.js";
import { describeChange, formatSpecDiff } from "../../scripts/lib/spec-diff.js";
import { tightenedConstraints } from "../../scripts/lib/tightened-constraints.js";

const fixture = (name: string) => join(import.meta.dirname, "fixtures", `${name}.yaml`);
const changesTo = async (head: string) => (await findBreakingChanges(fixture("base"), fixture(head))).changes;
const summary = (c: BreakingChange) => ({ operationId: c.operationId, part: c.part, field: c.field });

describe("findBreakingChanges", () => {
  it("reports a removed response field with its operation and field path, in every response that had it", async () => {
    const changes = await changesTo("removed-response-field");
    expect(changes.map(summary)).toEqual([
      { operationId: "listCompanies", part: "response 200 application/json", field: "data[].name" },
      { operationId: "createCompany", part: "response 201 application/json", field: "name" },
    ]);
    expect(changes[0]?.message).toBe("cannot remove response property 'name'");
  });

  it("reports a request field that became required", async () => {
    const changes = await changesTo("new-required-request-field");
    expect(changes.map(summary)).toEqual([{ operationId: "createCompany", part: "request body application/json", field: "domain" }]);
    expect(describeChange(changes[0] as BreakingChange)).toBe(
      "createCompany (POST /companies) request body application/json, field domain: cannot make a request property required [prevent changing request property to required]",
    );
  });

  it("reports a required response field made optional", async () => {
    expect((await changesTo("optional-response-field")).map((c) => [c.operationId, c.field, c.message])).toEqual([
      ["listCompanies", "data[].name", "cannot make required response property 'name' optional"],
      ["createCompany", "name", "cannot make required response property 'name' optional"],
    ]);
  });

  it("reports tightened constraints on a request field and on a query parameter", async () => {
    expect(
      (await changesTo("tightened-constraints")).map((c) => `${c.operationId} ${c.part} ${c.field ?? "-"}: ${c.message}`).sort(),
    ).toEqual([
      "createCompany request body application/json name: tightened constraint: maxLength lowered from 100 to 50",
      "listCompanies query parameter limit -: tightened constraint: maximum lowered from 100 to 50",
    ]);
  });

  it("reports a removed operation", async () => {
    const changes = await changesTo("removed-operation");
    expect(changes.map((c) => [c.operationId, c.method, c.path, c.part])).toContainEqual([
      "deleteCompany",
      "DELETE",
      "/companies/{id}",
      "operation",
    ]);
    expect(changes.every((c) => c.operationId === "deleteCompany")).toBe(true);
  });

  it("reports nothing for compatible changes (new optional fields, looser limits)", async () => {
    expect(await changesTo("compatible")).toEqual([]);
  });
});

describe("the spec:diff verdict", () => {
  const reportFor = async (head: string) => {
    const { changes, versions } = await findBreakingChanges(fixture("base"), fixture(head));
    return formatSpecDiff({
      ref: "HEAD~1",
      sha: "0123456789abcdef",
      apis: [{ api: "companies", status: "compared", versions, majorRaised: majorRaised(versions), changes }],
      removedApis: [],
    });
  };

  it("fails on a breaking change without a major version raise, naming API, operation and field", async () => {
    const { lines, failed } = await reportFor("removed-response-field");
    expect(failed).toBe(true);
    expect(lines).toContain("companies: 2 breaking changes (info.version 1.2.0 -> 1.2.0)");
    expect(lines).toContain(
      "  ✗ listCompanies (GET /companies) response 200 application/json, field data[].name: cannot remove response property 'name' [prevent removing response property]",
    );
  });

  it("lists the same change but passes when info.version's major part was raised", async () => {
    const { lines, failed } = await reportFor("major-bump");
    expect(failed).toBe(false);
    expect(lines).toContain("companies: 2 breaking changes, allowed: the major version was raised (info.version 1.2.0 -> 2.0.0)");
  });

  it("passes a spec that is new since the base", () => {
    const { lines, failed } = formatSpecDiff({
      ref: "HEAD~1",
      sha: "0123456789ab",
      apis: [{ api: "folk", status: "new" }],
      removedApis: [],
    });
    expect(failed).toBe(false);
    expect(lines).toContain("folk: new since HEAD~1, nothing to compare");
  });
});

describe("the spec:diff verdict on a removed API", () => {
  it("fails when an API was removed from redocly.yaml, naming it", () => {
    const { lines, failed } = formatSpecDiff({ ref: "HEAD~1", sha: "0123456789ab", apis: [], removedApis: ["kare"] });
    expect(failed).toBe(true);
    expect(lines).toContain("kare: ✗ removed from redocly.yaml since HEAD~1");
    expect(lines.join("\n")).toContain("Breaking changes in kare (the whole API was removed)");
  });
});

describe("majorRaised", () => {
  it("compares the major part only", () => {
    expect(majorRaised({ base: "1.9.3", head: "2.0.0" })).toBe(true);
    expect(majorRaised({ base: "v1", head: "v2" })).toBe(true);
    expect(majorRaised({ base: "1.2.0", head: "1.10.0" })).toBe(false);
    expect(majorRaised({ base: "2.0.0", head: "1.0.0" })).toBe(false);
    expect(majorRaised({ base: "2026-01-01", head: "2026-02-01" })).toBe(false);
  });
});

describe("tightenedConstraints", () => {
  it("names every constraint that accepts less, and nothing that accepts more", () => {
    expect(
      tightenedConstraints(
        { minLength: 1, maximum: 10, multipleOf: 2 },
        { minLength: 3, maximum: 20, multipleOf: 4, pattern: "^[a-z]+$", format: "email", additionalProperties: false, uniqueItems: true },
      ),
    ).toEqual([
      "minLength raised from 1 to 3",
      'pattern "^[a-z]+$" added',
      'format "email" added',
      "multipleOf changed from 2 to 4",
      "uniqueItems added",
      "additionalProperties: false added",
    ]);
    expect(
      tightenedConstraints({ maxLength: 10, minimum: 5, multipleOf: 4, pattern: "^a" }, { maxLength: 20, minimum: 0, multipleOf: 2 }),
    ).toEqual([]);
  });
});

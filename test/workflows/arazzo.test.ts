import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadApis, repoRoot } from "../../scripts/lib/api-registry.js";
import { envOf, loadWorkflowFile, operationsOf, operationWrites, startableWorkflows } from "../../scripts/lib/arazzo.js";
import { loadSpec } from "../../scripts/lib/spec-operations.js";
import { coverageLine, workflowCoverage } from "../../scripts/lib/workflow-coverage.js";
import { stepFailures } from "../../scripts/lib/workflows.js";

const featurebaseSpec = resolve(repoRoot, "specs/featurebase/openapi.yaml");

/** A throw-away Arazzo file about Featurebase with the given workflows (YAML, indented as list items). */
function arazzoFile(workflows: string, sourceUrl = featurebaseSpec): string {
  const dir = mkdtempSync(join(tmpdir(), "crm-kit-arazzo-"));
  const path = join(dir, "featurebase.arazzo.yaml");
  writeFileSync(
    path,
    `arazzo: 1.0.1
info: { title: t, version: 1.0.0 }
sourceDescriptions:
  - name: fb
    type: openapi
    url: ${sourceUrl}
workflows:
${workflows}
components:
  inputs:
    key:
      type: object
      properties:
        env:
          type: object
          required: [FEATUREBASE_API_KEY]
          properties:
            FEATUREBASE_API_KEY: { type: string, format: password, examples: [sk_test] }
`,
  );
  return path;
}

const pagingWorkflows = `
  - workflowId: upsertThenPage
    inputs: { $ref: "#/components/inputs/key" }
    steps:
      - stepId: upsert
        operationId: $sourceDescriptions.fb.upsertCompany
      - stepId: page
        workflowId: pageFrom
  - workflowId: pageFrom
    inputs:
      type: object
      required: [cursor]
      properties:
        cursor: { type: string }
        env: { $ref: "#/components/inputs/key/properties/env" }
    steps:
      - stepId: list
        operationId: $sourceDescriptions.fb.listCompanies
      - stepId: more
        workflowId: pageFrom
`;

describe("loadWorkflowFile", () => {
  it("reads each workflow's operations without the source prefix, and its credentials through $refs", () => {
    const file = loadWorkflowFile("featurebase", arazzoFile(pagingWorkflows));
    expect(file.sourceName).toBe("fb");
    expect(file.workflows[0]?.steps).toEqual([
      { stepId: "upsert", operationId: "upsertCompany" },
      { stepId: "page", workflowId: "pageFrom" },
    ]);
    expect(envOf(file, "upsertThenPage")).toEqual([{ name: "FEATUREBASE_API_KEY", required: true, sandboxValue: "sk_test" }]);
  });

  it("starts only the workflows that need no input from a caller", () => {
    const file = loadWorkflowFile("featurebase", arazzoFile(pagingWorkflows));
    expect(startableWorkflows(file).map((w) => w.workflowId)).toEqual(["upsertThenPage"]);
  });

  it("follows child workflows (a recursive one too) for the operations a workflow calls", () => {
    const file = loadWorkflowFile("featurebase", arazzoFile(pagingWorkflows));
    expect([...operationsOf(file, "upsertThenPage")].sort()).toEqual(["listCompanies", "upsertCompany"]);
  });

  it("rejects a file whose sourceDescription is not the API's spec, naming the expected path", () => {
    const path = arazzoFile(pagingWorkflows, resolve(repoRoot, "specs/folk/openapi.yaml"));
    expect(() => loadWorkflowFile("featurebase", path)).toThrow(
      /sourceDescriptions must be exactly one entry whose url is .*specs\/featurebase\/openapi\.yaml/,
    );
  });

  it("rejects a step that calls a workflow the file does not define", () => {
    const path = arazzoFile(`
  - workflowId: a
    steps:
      - stepId: b
        workflowId: nowhere
`);
    expect(() => loadWorkflowFile("featurebase", path)).toThrow("workflow a step b calls unknown workflow nowhere");
  });
});

describe("operationWrites", () => {
  it("reads list, get and search as reads and a credential exchange as no write; every other verb writes", () => {
    expect(["listCompanies", "getContact", "searchPeople", "authenticate", "login"].map(operationWrites)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(
      ["upsertCompany", "createContacts", "updatePerson", "deleteCompany", "attachContact", "blockContact"].map(operationWrites),
    ).toEqual([true, true, true, true, true, true]);
  });
});

describe("workflowCoverage", () => {
  it("lists the spec's operations that no workflow calls, in spec order", async () => {
    const { operations } = await loadSpec(featurebaseSpec);
    const coverage = workflowCoverage(loadWorkflowFile("featurebase", arazzoFile(pagingWorkflows)), operations);
    expect(coverage.covered).toEqual(["listCompanies", "upsertCompany"]);
    expect(coverage.uncovered).toContain("deleteCompany");
    expect(coverageLine(coverage)).toMatch(
      new RegExp(`^featurebase: 2/${operations.length} operations in a workflow; in none: deleteCompanyByExternalId, getCompany, `),
    );
  });

  it("fails, naming the file, workflow and step, when a step calls an operation the spec lacks", async () => {
    const { operations } = await loadSpec(featurebaseSpec);
    const file = loadWorkflowFile(
      "featurebase",
      arazzoFile(`
  - workflowId: w
    steps:
      - stepId: s
        operationId: $sourceDescriptions.fb.upsertCompanies
`),
    );
    expect(() => workflowCoverage(file, operations)).toThrow(
      /featurebase\.arazzo\.yaml: workflow w step s calls operationId upsertCompanies, which specs\/featurebase\/ does not have/,
    );
  });

  it("accepts the repository's workflow files: every step calls an operation of its API's spec", async () => {
    for (const api of loadApis()) {
      const { operations } = await loadSpec(api.root);
      const coverage = workflowCoverage(loadWorkflowFile(api.name), operations);
      expect(coverage.covered.length + coverage.uncovered.length).toBe(operations.length);
      expect(coverage.covered.length).toBeGreaterThan(0);
    }
  });

  it("finds every operation of every API's spec in at least one workflow", async () => {
    const uncovered: string[] = [];
    for (const api of loadApis()) {
      const { operations } = await loadSpec(api.root);
      const coverage = workflowCoverage(loadWorkflowFile(api.name), operations);
      if (coverage.uncovered.length > 0) uncovered.push(coverageLine(coverage));
    }
    // Each entry names the API and the operations no workflow calls: add a step for them to workflows/<api>.arazzo.yaml.
    expect(uncovered).toEqual([]);
  });
});

describe("stepFailures", () => {
  it("names each failed step with its workflow path, what it sent and got, and its failed checks only", () => {
    const log = {
      workflowId: "pageCompanies",
      executedSteps: [
        { type: "step", stepId: "firstPage", status: "success", checks: [{ name: "schema check", passed: true }] },
        {
          type: "workflow",
          workflowId: "pageCompaniesFrom",
          executedSteps: [
            {
              type: "step",
              stepId: "page",
              status: "error",
              request: { method: "get", url: "http://127.0.0.1:1/v2/companies?limit=1&cursor=abc" },
              response: { statusCode: 200 },
              checks: [
                {
                  name: "success criteria check",
                  passed: false,
                  condition: "$response.body#/data/0/id != $inputs.previousId",
                  message: "Checking simple criteria",
                },
                { name: "schema check", passed: true },
              ],
            },
          ],
        },
      ],
    };
    expect(stepFailures(log, "pageCompanies")).toEqual([
      {
        workflow: "pageCompanies > pageCompaniesFrom",
        stepId: "page",
        exchange: "GET /v2/companies?limit=1&cursor=abc -> 200",
        checks: ["success criteria check: $response.body#/data/0/id != $inputs.previousId"],
      },
    ]);
  });
});

/**
 * Which operations of a spec at least one workflow calls, computed from the spec (so an operation added to
 * it shows up as uncovered) and from the Arazzo file (so a step naming no operation of the spec is an error).
 */
import { relative } from "node:path";
import { repoRoot } from "./api-registry.js";
import { type ArazzoFile, operationsOf } from "./arazzo.js";
import type { SpecOperation } from "./spec-operations.js";

export interface WorkflowCoverage {
  api: string;
  /** operationIds of the spec that some workflow calls, in spec order. */
  covered: string[];
  /** operationIds of the spec that no workflow calls, in spec order. */
  uncovered: string[];
}

/** Throws, naming the file, workflow and step, when a step calls an operationId the spec does not have. */
export function workflowCoverage(file: ArazzoFile, operations: SpecOperation[]): WorkflowCoverage {
  const known = new Set(operations.map((o) => o.operationId));
  for (const workflow of file.workflows)
    for (const step of workflow.steps)
      if (step.operationId && !known.has(step.operationId))
        throw new Error(
          `${relative(repoRoot, file.path)}: workflow ${workflow.workflowId} step ${step.stepId} calls operationId ` +
            `${step.operationId}, which specs/${file.api}/ does not have (it has: ${[...known].join(", ")})`,
        );
  const called = new Set(file.workflows.flatMap((w) => [...operationsOf(file, w.workflowId)]));
  const ids = operations.map((o) => o.operationId);
  return { api: file.api, covered: ids.filter((id) => called.has(id)), uncovered: ids.filter((id) => !called.has(id)) };
}

/** "featurebase: 15/15 operations in a workflow" plus the uncovered ones, if any. */
export function coverageLine(coverage: WorkflowCoverage): string {
  const total = coverage.covered.length + coverage.uncovered.length;
  const missing = coverage.uncovered.length > 0 ? `; in none: ${coverage.uncovered.join(", ")}` : "";
  return `${coverage.api}: ${coverage.covered.length}/${total} operations in a workflow${missing}`;
}

/**
 * Reads the Arazzo workflow files (workflows/<api>.arazzo.yaml): their workflows, the operations each one
 * calls (through child workflows too), the credentials it takes from the environment, and whether it writes.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { parse } from "yaml";
import { repoRoot } from "./api-registry.js";
import type { OpenApiNode } from "./spec-operations.js";

/** Where the Arazzo files live, one per API of redocly.yaml. */
export const workflowsDir = resolve(repoRoot, "workflows");

export interface ArazzoStep {
  stepId: string;
  /** The operationId without its `$sourceDescriptions.<name>.` prefix, for a step that calls an operation. */
  operationId?: string;
  /** The workflow a step runs as a child, for a step that calls a workflow. */
  workflowId?: string;
}

export interface ArazzoWorkflow {
  workflowId: string;
  steps: ArazzoStep[];
  /** Inputs the caller must pass (a child workflow's parameters); a workflow with none can be started on its own. */
  requiredInputs: string[];
  /** Environment variables the workflow reads (`inputs.properties.env`), with the value a sandbox run uses. */
  env: Array<{ name: string; required: boolean; sandboxValue: string | undefined }>;
}

export interface ArazzoFile {
  api: string;
  /** Absolute path of the file. */
  path: string;
  /** The name of its one sourceDescription, specs/<api>/openapi.yaml (what respect's --server overrides). */
  sourceName: string;
  workflows: ArazzoWorkflow[];
}

/** Path of an API's Arazzo file. */
export function workflowFilePath(api: string): string {
  return resolve(workflowsDir, `${api}.arazzo.yaml`);
}

/** Reads one API's Arazzo file. Throws an error naming the file and the workflow or step when it is malformed. */
export function loadWorkflowFile(api: string, path = workflowFilePath(api)): ArazzoFile {
  const where = relative(repoRoot, path);
  if (!existsSync(path)) throw new Error(`${where}: missing; every API in redocly.yaml has a workflow file`);
  const document = parse(readFileSync(path, "utf8")) as OpenApiNode;
  if (!Array.isArray(document?.workflows)) throw new Error(`${where}: no "workflows:" list`);
  const sources = (document.sourceDescriptions ?? []) as OpenApiNode[];
  const spec = resolve(repoRoot, "specs", api, "openapi.yaml");
  const source = sources[0];
  if (sources.length !== 1 || typeof source?.name !== "string" || resolve(dirname(path), String(source.url)) !== spec)
    throw new Error(`${where}: sourceDescriptions must be exactly one entry whose url is ${relative(dirname(path), spec)}`);
  const workflows = (document.workflows as OpenApiNode[]).map((workflow, index): ArazzoWorkflow => {
    if (typeof workflow.workflowId !== "string") throw new Error(`${where}: workflows[${index}] has no workflowId`);
    const steps = ((workflow.steps ?? []) as OpenApiNode[]).map((step): ArazzoStep => {
      if (typeof step.stepId !== "string") throw new Error(`${where}: workflow ${workflow.workflowId} has a step without stepId`);
      if (typeof step.operationId === "string")
        return { stepId: step.stepId, operationId: step.operationId.replace(/^\$sourceDescriptions\.[^.]+\./, "") };
      if (typeof step.workflowId === "string") return { stepId: step.stepId, workflowId: step.workflowId };
      // respect's x-operation: a call outside the API (a webhook receiver's), counted as no operation.
      if (typeof step["x-operation"]?.url === "string") return { stepId: step.stepId };
      throw new Error(
        `${where}: workflow ${workflow.workflowId} step ${step.stepId}: only operationId, workflowId and x-operation steps are supported`,
      );
    });
    const inputs = resolveLocal(document, workflow.inputs);
    const requiredInputs = ((inputs?.required ?? []) as string[]).filter((name) => name !== "env");
    return { workflowId: workflow.workflowId, steps, requiredInputs, env: envInputs(inputs) };
  });
  const ids = new Set(workflows.map((w) => w.workflowId));
  for (const workflow of workflows)
    for (const step of workflow.steps)
      if (step.workflowId && !ids.has(step.workflowId))
        throw new Error(`${where}: workflow ${workflow.workflowId} step ${step.stepId} calls unknown workflow ${step.workflowId}`);
  return { api, path, sourceName: source.name, workflows };
}

/** The workflows a run starts: those that need no input from a caller (the others run only as children). */
export function startableWorkflows(file: ArazzoFile): ArazzoWorkflow[] {
  return file.workflows.filter((w) => w.requiredInputs.length === 0);
}

/** Every operationId a workflow calls, its child workflows' included. */
export function operationsOf(file: ArazzoFile, workflowId: string, seen = new Set<string>()): Set<string> {
  const operations = new Set<string>();
  if (seen.has(workflowId)) return operations;
  seen.add(workflowId);
  const workflow = file.workflows.find((w) => w.workflowId === workflowId);
  for (const step of workflow?.steps ?? []) {
    if (step.operationId) operations.add(step.operationId);
    if (step.workflowId) for (const op of operationsOf(file, step.workflowId, seen)) operations.add(op);
  }
  return operations;
}

/** The environment variables a workflow and its children read. */
export function envOf(file: ArazzoFile, workflowId: string): ArazzoWorkflow["env"] {
  const byName = new Map<string, ArazzoWorkflow["env"][number]>();
  const visit = (id: string, seen: Set<string>) => {
    if (seen.has(id)) return;
    seen.add(id);
    const workflow = file.workflows.find((w) => w.workflowId === id);
    for (const variable of workflow?.env ?? []) if (!byName.get(variable.name)?.required) byName.set(variable.name, variable);
    for (const step of workflow?.steps ?? []) if (step.workflowId) visit(step.workflowId, seen);
  };
  visit(workflowId, new Set());
  return [...byName.values()];
}

/**
 * Whether an operation changes data, from its operationId's verb (the spec's fixed verb set, enforced by lint):
 * list, get and search read, authenticate and login only exchange credentials; every other verb writes.
 */
export function operationWrites(operationId: string): boolean {
  return !/^(?:list|get|search)[A-Z]|^(?:authenticate|login)$/.test(operationId);
}

function envInputs(inputs: OpenApiNode | undefined): ArazzoWorkflow["env"] {
  const env = inputs?.properties?.env;
  if (!env?.properties) return [];
  const required = new Set<string>(env.required ?? []);
  return Object.entries<OpenApiNode>(env.properties).map(([name, schema]) => ({
    name,
    required: required.has(name),
    sandboxValue: schema.examples?.[0] === undefined ? undefined : String(schema.examples[0]),
  }));
}

/** Follows `$ref: "#/..."` pointers inside the same document (inputs are shared through components). */
function resolveLocal(document: OpenApiNode, node: OpenApiNode | undefined, depth = 0): OpenApiNode | undefined {
  if (!node || typeof node.$ref !== "string" || depth > 10) return node;
  if (!node.$ref.startsWith("#/")) return undefined;
  const target = node.$ref
    .slice(2)
    .split("/")
    .reduce<OpenApiNode | undefined>((value, key) => value?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], document);
  const resolved = resolveLocal(document, target, depth + 1);
  if (!resolved?.properties?.env) return resolved;
  return { ...resolved, properties: { ...resolved.properties, env: resolveLocal(document, resolved.properties.env, depth + 1) } };
}

/**
 * Breaking changes between two versions of one spec, found by Optic's diff engine and its standard
 * breaking-changes ruleset (removed operation, field or status, newly required request field or
 * parameter, response field made optional, type and enum changes) plus our tightened-constraints
 * ruleset. Optic's libraries are used directly rather than its CLI: the CLI's --json output carries
 * the changelog but not the check results, and its checks miss tightened constraints.
 */
import { checkOpenAPIVersion, denormalize, parseOpenAPIWithSourcemap } from "@useoptic/openapi-io";
import { compareSpecs, type FlatOpenAPIV3, type FlatOpenAPIV3_1, type RuleResult, Severity } from "@useoptic/openapi-utilities";
import { RuleRunner } from "@useoptic/rulesets-base";
import { BreakingChangesRuleset } from "@useoptic/standard-rulesets";
import type { OpenApiNode } from "./spec-operations.js";
import { TightenedConstraintsRuleset } from "./tightened-constraints.js";

export interface BreakingChange {
  /** operationId of the operation (null when neither version has one). */
  operationId: string | null;
  /** Upper-case HTTP method. */
  method: string;
  /** Path template, e.g. /v2/companies/{id}. */
  path: string;
  /** Part of the operation: "operation", "request body application/json", "response 200 application/json", "query parameter limit", ... */
  part: string;
  /** Field inside the body, dotted with [] for array items (e.g. data[].name); null when the change is not about a body field. */
  field: string | null;
  /** What changed, e.g. "cannot remove response property 'name'". */
  message: string;
  /** Name of the Optic rule that flagged it. */
  rule: string;
}

export interface SpecVersions {
  /** `info.version` of the base and head documents. */
  base: string;
  head: string;
}

type Document = OpenApiNode;

/** Compares two single-file specs (bundled) and lists the breaking changes from `baseFile` to `headFile`. */
export async function findBreakingChanges(
  baseFile: string,
  headFile: string,
): Promise<{ changes: BreakingChange[]; versions: SpecVersions }> {
  const [base, head] = await Promise.all([loadForOptic(baseFile), loadForOptic(headFile)]);
  const runner = new RuleRunner([new BreakingChangesRuleset(), new TightenedConstraintsRuleset()]);
  const { results } = await compareSpecs(base, head, runner, {});
  const changes = results
    .filter((r) => !r.passed && !r.exempted && r.severity === Severity.Error)
    .map((r) => describe(r, base.jsonLike as Document, head.jsonLike as Document));
  return { changes, versions: { base: String(base.jsonLike.info?.version ?? ""), head: String(head.jsonLike.info?.version ?? "") } };
}

/** Whether the major part of a semver-like version went up (1.4.0 -> 2.0.0; v1 -> v2). */
export function majorRaised(versions: SpecVersions): boolean {
  const major = (version: string) => Number(/^v?(\d+)/.exec(version.trim())?.[1] ?? Number.NaN);
  return major(versions.head) > major(versions.base);
}

async function loadForOptic(file: string) {
  const parsed = await parseOpenAPIWithSourcemap<FlatOpenAPIV3.Document | FlatOpenAPIV3_1.Document>(file);
  const version = checkOpenAPIVersion(parsed.jsonLike);
  if (version === "2.x.x") throw new Error(`${file}: Swagger 2 documents cannot be compared; convert to OpenAPI 3`);
  // Optic compares operations with path-level parameters merged in, as its CLI does.
  return { ...denormalize(parsed, version), isEmptySpec: false };
}

function describe(result: RuleResult, base: Document, head: Document): BreakingChange {
  const segments = result.location.jsonPath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const [, path = "", method = "", ...rest] = segments;
  const spec = result.location.spec === "before" ? base : head;
  const operationId = head.paths?.[path]?.[method]?.operationId ?? base.paths?.[path]?.[method]?.operationId ?? null;
  const { part, field } = locate(rest, spec.paths?.[path]?.[method]);
  return {
    operationId,
    method: method.toUpperCase(),
    path,
    part,
    field,
    message: (result.error ?? result.name).replace(/\.? This is a breaking change\.$/, ""),
    rule: result.name,
  };
}

/** Turns the JSON pointer segments below an operation into a readable part and body field. */
function locate(segments: string[], operation: Document | undefined): { part: string; field: string | null } {
  const [first, second, third, fourth, fifth, ...schema] = segments;
  if (first === "parameters" && second !== undefined) {
    const parameter = operation?.parameters?.[Number(second)];
    return { part: parameter ? `${parameter.in} parameter ${parameter.name}` : `parameter ${second}`, field: null };
  }
  if (first === "requestBody") {
    if (second === "content" && third !== undefined)
      return { part: `request body ${third}`, field: fourth === "schema" ? fieldPath([fifth, ...schema]) : null };
    return { part: "request body", field: null };
  }
  if (first === "responses" && second !== undefined) {
    if (third === "content" && fourth !== undefined) {
      return { part: `response ${second} ${fourth}`, field: fifth === "schema" ? fieldPath(schema) : null };
    }
    if (third === "headers" && fourth !== undefined) return { part: `response ${second} header ${fourth}`, field: null };
    return { part: `response ${second}`, field: null };
  }
  return { part: "operation", field: null };
}

/** properties/data/items/properties/name -> data[].name; null for the body itself. */
function fieldPath(segments: Array<string | undefined>): string | null {
  let field = "";
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment === undefined) continue;
    if (segment === "properties" && segments[i + 1] !== undefined) field += `${field ? "." : ""}${segments[++i]}`;
    else if (segment === "items") field += "[]";
    else if (segment === "additionalProperties") field += "{}";
    else if (/^(oneOf|anyOf|allOf)$/.test(segment) && segments[i + 1] !== undefined) field += `<${segment} ${segments[++i]}>`;
    else field += `${field ? "." : ""}${segment}`;
  }
  return field || null;
}

/** Ajv's errors for a request, as the fields a vendor's error envelope names. */
import type { ErrorObject } from "./third-party.js";
import type { RequestProblem } from "./types.js";

const LOCATIONS = { requestBody: "body", query: "query", path: "path", header: "header" } as const;

/**
 * One problem per field, most specific first. A failed `anyOf` (at least one of `email` or `userId`)
 * adds an error per branch and a summary; the summary names the alternatives.
 */
export function problemsOf(errors: readonly ErrorObject[]): RequestProblem[] {
  const parseError = errors.find((e) => e.keyword === "parse");
  // A body that is not JSON also fails its schema; only the parse error says what is wrong.
  if (parseError)
    return [{ in: "body", field: "", path: [], rule: "parse", message: `the request body is not valid JSON: ${parseError.message}` }];
  const problems: RequestProblem[] = [];
  const branchRequired = errors.filter((e) => e.keyword === "required" && /\/anyOf\/\d+\//.test(e.schemaPath));
  for (const error of errors) {
    if (error.keyword === "required" && branchRequired.includes(error)) continue;
    const segments = error.instancePath.split("/").slice(1).map(decodePointer);
    const [root, ...rest] = segments;
    const location = LOCATIONS[root as keyof typeof LOCATIONS] ?? "body";
    if (error.keyword === "anyOf" && branchRequired.length > 0) {
      const names = [...new Set(branchRequired.map((e) => String(e.params.missingProperty)))];
      const field = [...rest].join(".");
      problems.push({
        in: location,
        field,
        path: pathOf(rest),
        rule: "required",
        message: `${names.join(" or ")} is required${field ? ` in ${field}` : ""}`,
      });
      continue;
    }
    if (root === undefined && error.keyword === "required" && error.params.missingProperty === "requestBody") {
      problems.push({ in: "body", field: "", path: [], rule: "required", message: "a JSON request body is required" });
      continue;
    }
    const keys = [...rest, ...extraField(error)];
    const field = keys.join(".");
    const limit = typeof error.params.limit === "number" ? error.params.limit : undefined;
    problems.push({
      in: location,
      field,
      path: pathOf(keys),
      rule: error.keyword,
      ...(limit === undefined ? {} : { limit }),
      message: `${field || "the request body"} ${describe(error)}`,
    });
  }
  return dedupe(problems);
}

function extraField(error: ErrorObject): string[] {
  if (error.keyword === "required") return [String(error.params.missingProperty)];
  if (error.keyword === "additionalProperties") return [String(error.params.additionalProperty)];
  return [];
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case "required":
      return "is required";
    case "additionalProperties":
      return "is not a known field";
    case "false schema":
      // A property the spec forbids (`name: false`), such as an id the vendor assigns itself.
      return "must not be sent";
    case "enum":
      return `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return error.message ?? "is invalid";
  }
}

/** Array indexes as numbers, as Zod and most error formats write a path. */
function pathOf(keys: string[]): Array<string | number> {
  return keys.map((key) => (/^\d+$/.test(key) ? Number(key) : key));
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

function dedupe(problems: RequestProblem[]): RequestProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.in}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

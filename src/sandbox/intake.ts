/**
 * The checks a request passes before routing and validation, on what the client sent rather than on what a URL
 * parser or a JSON parser makes of it: the request target, the query's keys, the body's bytes, media type and
 * shape. Each failure is a value the engine answers in the vendor's own error format.
 */
import { FORBIDDEN_KEYS, MAX_JSON_DEPTH } from "./limits.js";
import type { RequestProblem } from "./types.js";

/** Why the request target cannot be routed: it names no route (`unknown`) or is not a valid path (`malformed`). */
export type TargetRefusal = { refused: "unknown" | "malformed"; message: string };

const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Whether `method` is an HTTP token (RFC 9110): anything else never reaches the router. */
export function isMethodToken(method: string): boolean {
  return METHOD.test(method);
}

/**
 * The URL of a request target as sent (`/v1/companies?limit=1`, or absolute), resolved against `origin`.
 * Refused: a dot-segment (`..`, `%2e%2e`) or a backslash, which a URL parser would resolve into another
 * route, and percent-encoding that does not decode to UTF-8.
 */
export function urlOfTarget(target: string, origin: string): URL | TargetRefusal {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target);
  const rest = absolute ? target.slice(absolute[0].length) || "/" : target;
  if (!rest.startsWith("/")) return { refused: "unknown", message: "the request target is not a path" };
  const rawPath = rest.split(/[?#]/, 1)[0] ?? "";
  for (const segment of rawPath.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { refused: "malformed", message: `the path segment ${JSON.stringify(segment)} is not valid percent-encoding` };
    }
    if (decoded === "." || decoded === ".." || decoded.includes("\\")) return { refused: "unknown", message: "dot-segments" };
  }
  try {
    return new URL(rest, origin);
  } catch {
    return { refused: "malformed", message: "the request target is not a valid URL" };
  }
}

/** A query parameter whose name has a forbidden key among its bracketed parts (`filter[__proto__][eq]`). */
export function queryKeyProblem(url: URL): RequestProblem | undefined {
  for (const name of url.searchParams.keys()) {
    const parts = name.split(/[[\]]+/).filter(Boolean);
    const forbidden = parts.find((part) => FORBIDDEN_KEYS.has(part));
    if (forbidden)
      return { in: "query", field: name, path: [name], rule: "forbiddenKey", message: `${name} uses the reserved key ${forbidden}` };
  }
  return undefined;
}

/** Whether a Content-Type header names JSON (`application/json`, with any parameters, or a `+json` type). */
export function isJsonMediaType(contentType: string | undefined): boolean {
  const essence = contentType?.split(";", 1)[0]?.trim().toLowerCase() ?? "";
  return essence === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(essence);
}

/** A parsed JSON body, or the problem that refuses it. */
export type BodyResult = { value: unknown } | { problem: RequestProblem };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** The body's bytes as JSON: refused when they are not UTF-8, not JSON, too deep, or use a forbidden key. */
export function parseJsonBody(bytes: Uint8Array): BodyResult {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { problem: bodyProblem("parse", [], "the request body is not valid UTF-8") };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: bodyProblem("parse", [], `the request body is not valid JSON: ${(error as Error).message}`) };
  }
  const problem = shapeProblem(value);
  return problem ? { problem } : { value };
}

/**
 * The first place where a parsed body nests deeper than MAX_JSON_DEPTH or has a forbidden key. Walked with an
 * explicit stack, since the body may be nested far deeper than the call stack allows.
 */
function shapeProblem(root: unknown): RequestProblem | undefined {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value: root, path: [] }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, path } = next;
    if (typeof value !== "object" || value === null) continue;
    if (path.length >= MAX_JSON_DEPTH)
      return { ...bodyProblem("maxDepth", path, `${path.join(".")} nests deeper than ${MAX_JSON_DEPTH} levels`), limit: MAX_JSON_DEPTH };
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) stack.push({ value: item, path: [...path, index] });
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const at = [...path, key];
      if (FORBIDDEN_KEYS.has(key)) return bodyProblem("forbiddenKey", at, `${at.join(".")} uses the reserved key ${key}`);
      stack.push({ value: item, path: at });
    }
  }
  return undefined;
}

function bodyProblem(rule: string, path: Array<string | number>, message: string): RequestProblem {
  return { in: "body", field: path.join("."), path, rule, message };
}

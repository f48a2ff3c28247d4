import { defaultPathSerializer } from "openapi-fetch";
import { prefix } from "./messages.js";

const TEMPLATE = /\{[^{}]+\}/g;
// URL parsers resolve these segments ("%2e" included, per the WHATWG URL standard), so no encoding keeps them
// literal: `/companies/..` would become `/`. Such values are refused rather than silently re-targeted.
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;
const MAYBE_DOT_SEGMENT = /\/(?:\.|%2e)/i;

/**
 * An openapi-fetch `pathSerializer` that refuses missing or empty path parameters and values that would change
 * the path, then percent-encodes like openapi-fetch (so `a/b` becomes `a%2Fb` and `../admin` `..%2Fadmin`).
 */
export function createPathSerializer(baseUrl: string): (pathname: string, params: Record<string, unknown>) => string {
  // The parameter names of each path template this client has called, so a call does not parse its template again.
  const namesOf = new Map<string, string[]>();
  return (pathname, params) => {
    let names = namesOf.get(pathname);
    if (names === undefined) {
      names = (pathname.match(TEMPLATE) ?? []).map((match) => match.slice(1, -1).replace(/^[.;]/, "").replace(/\*$/, ""));
      // Bounded: a client is called with its API's templates, but an untyped caller could pass any string.
      if (namesOf.size >= 1_000) namesOf.clear();
      namesOf.set(pathname, names);
    }
    for (const name of names) {
      const value = params[name];
      if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) {
        throw new TypeError(
          `${prefix()}path parameter "${name}" of ${operationPath(pathname, baseUrl)} is missing or empty; pass it as params: { path: { ${name}: … } }.`,
        );
      }
    }
    const result = defaultPathSerializer(pathname, params);
    // Most paths have no segment starting with a dot at all; only those are taken apart.
    if (!MAYBE_DOT_SEGMENT.test(result)) return result;
    const before = pathname.split("/");
    result.split("/").forEach((segment, index) => {
      if (before[index]?.includes("{") && DOT_SEGMENT.test(segment)) {
        throw new TypeError(
          `${prefix()}a path parameter of ${operationPath(pathname, baseUrl)} is "${segment}", which would change the request path ("." and ".." ` +
            `segments are resolved by URL parsers); such a value cannot be an id.`,
        );
      }
    });
    return result;
  };
}

/** openapi-fetch hands over baseUrl + path; messages show the operation path only. */
function operationPath(pathname: string, baseUrl: string): string {
  return pathname.startsWith(baseUrl) ? pathname.slice(baseUrl.length) : pathname;
}

/**
 * openapi-fetch calls the path serializer only when `params.path` exists; an empty object makes it run, so a
 * forgotten path parameter is refused instead of being sent as a literal "{id}".
 */
export function withPathParams(path: string, params: unknown): unknown {
  if (!path.includes("{")) return params;
  const given = typeof params === "object" && params !== null ? (params as Record<string, unknown>) : {};
  return given.path === undefined ? { ...given, path: {} } : given;
}

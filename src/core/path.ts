import { defaultPathSerializer } from "openapi-fetch";
import { prefix } from "./messages.js";

const TEMPLATE = /\{[^{}]+\}/g;
// URL parsers resolve these segments ("%2e" included, per the WHATWG URL standard), so no encoding keeps them
// literal: `/companies/..` would become `/`. Such values are refused rather than silently re-targeted.
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * An openapi-fetch `pathSerializer` that refuses missing or empty path parameters and values that would change
 * the path, then percent-encodes like openapi-fetch (so `a/b` becomes `a%2Fb` and `../admin` `..%2Fadmin`).
 */
export function createPathSerializer(baseUrl: string): (pathname: string, params: Record<string, unknown>) => string {
  return (pathname, params) => {
    // openapi-fetch hands over baseUrl + path; messages show the operation path only.
    const template = pathname.startsWith(baseUrl) ? pathname.slice(baseUrl.length) : pathname;
    for (const match of pathname.match(TEMPLATE) ?? []) {
      const name = match.slice(1, -1).replace(/^[.;]/, "").replace(/\*$/, "");
      const value = params[name];
      if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) {
        throw new TypeError(
          `${prefix()}path parameter "${name}" of ${template} is missing or empty; pass it as params: { path: { ${name}: … } }.`,
        );
      }
    }
    const result = defaultPathSerializer(pathname, params);
    const before = pathname.split("/");
    result.split("/").forEach((segment, index) => {
      if (before[index]?.includes("{") && DOT_SEGMENT.test(segment)) {
        throw new TypeError(
          `${prefix()}a path parameter of ${template} is "${segment}", which would change the request path ("." and ".." ` +
            `segments are resolved by URL parsers); such a value cannot be an id.`,
        );
      }
    });
    return result;
  };
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

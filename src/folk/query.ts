import { prefix } from "../core/vendor-kit.js";
/**
 * folk's query strings nest two levels deep: `filter[<attribute>][<operator>]=<value>`, and
 * `filter[groups][in][id]=grp_…` three. openapi-fetch's default serializer handles one level of deepObject
 * and throws "Deeply-nested arrays/objects aren't supported" beyond it, so folk calls use this one.
 * https://developer.folk.app/api-reference/filtering
 */

/**
 * Serializes a query object the way folk reads it: nested objects as bracketed keys
 * (`{ filter: { name: { like: "acme" } } }` → `filter[name][like]=acme`) and arrays as repeated keys
 * (`{ in: ["Todo", "Done"] }` → `…[in]=Todo&…[in]=Done`, folk's documented form for several values).
 * Keys and values are percent-encoded, the brackets are not; `undefined`, `null`, empty arrays and empty
 * objects are left out. An object inside an array has no documented form and is refused with a TypeError.
 */
export function serializeFolkQuery(query: Record<string, unknown> | undefined): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query ?? {})) {
    collect(encodeURIComponent(name), value, pairs);
  }
  return pairs.join("&");
}

function collect(key: string, value: unknown, pairs: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === "object" && item !== null) {
        throw new TypeError(
          `${prefix("folk")}query parameter ${decodeURIComponent(key)} is an array holding an object; folk takes a list of ` +
            `plain values there (e.g. in: ["Todo", "Done"], or in: { id: ["grp_…"] } for references).`,
        );
      }
      collect(key, item, pairs);
    }
    return;
  }
  if (typeof value === "object") {
    for (const [child, childValue] of Object.entries(value)) {
      collect(`${key}[${encodeURIComponent(child)}]`, childValue, pairs);
    }
    return;
  }
  pairs.push(`${key}=${encodeURIComponent(String(value))}`);
}

/**
 * folk's filters per list: `filter[<attribute>][<operator>]` takes the attributes of the records that list
 * returns (a company's fields on companies, a person's on people, an object's on the objects of a group) and
 * custom fields as `customFieldValues.<…>`. The generated `Filter` keys attributes by any string; these types
 * narrow each list's `filter` (query and search body) to its own attributes, so a misspelled attribute, which
 * folk answers with a 422, is an error in the editor. The operators are the spec's closed set
 * (`FilterCondition`: eq, not_eq, gt, lt, like, not_like, in, not_in, empty, not_empty).
 */
import type { components, paths } from "../../generated/folk.js";

type Schemas = components["schemas"];
type Flatten<T> = { [K in keyof T]: T[K] };

/** A custom field: `customFieldValues.<groupId>.<fieldName>`, or `customFieldValues.<fieldName>` on a group's objects. */
export type FolkCustomFieldAttribute = `customFieldValues.${string}`;

/** The attributes a company list or search filters on. */
export type FolkCompanyFilterAttribute = Exclude<keyof Schemas["Company"], "customFieldValues"> | FolkCustomFieldAttribute;
/** The attributes a people list or search filters on. */
export type FolkPersonFilterAttribute = Exclude<keyof Schemas["Person"], "customFieldValues"> | FolkCustomFieldAttribute;
/** The attributes a list or search of a group's objects (deals, …) filters on. */
export type FolkObjectFilterAttribute = Exclude<keyof Schemas["Deal"], "customFieldValues"> | FolkCustomFieldAttribute;

/** A filter on the attributes `A`, each with the spec's operators: `{ name: { like: "acme" } }`. */
export type FolkFilterOf<A extends string> = { [K in A]?: Schemas["FilterCondition"] };

/** The filter of each list and search that has one. */
interface FilterOfPath {
  "/v1/companies": FolkFilterOf<FolkCompanyFilterAttribute>;
  "/v1/companies/search": FolkFilterOf<FolkCompanyFilterAttribute>;
  "/v1/people": FolkFilterOf<FolkPersonFilterAttribute>;
  "/v1/people/search": FolkFilterOf<FolkPersonFilterAttribute>;
  "/v1/groups/{groupId}/{objectType}": FolkFilterOf<FolkObjectFilterAttribute>;
  "/v1/groups/{groupId}/{objectType}/search": FolkFilterOf<FolkObjectFilterAttribute>;
}

type WithFilter<T, F> = T extends { filter?: unknown } ? Flatten<Omit<T, "filter"> & { filter?: F }> : T;

type FilteredOperation<Op, F> = {
  [K in keyof Op]: K extends "parameters"
    ? { [L in keyof Op[K]]: L extends "query" ? WithFilter<Op[K][L], F> : Op[K][L] }
    : K extends "requestBody"
      ? Op[K] extends { content: { "application/json": infer Body } }
        ? { content: { "application/json": WithFilter<Body, F> } }
        : Op[K]
      : Op[K];
};

/** The generated `paths`, with each list's and search's `filter` narrowed to that list's attributes. */
export type FolkPaths = {
  [P in keyof paths]: P extends keyof FilterOfPath
    ? { [M in keyof paths[P]]: M extends "get" | "post" ? FilteredOperation<paths[P][M], FilterOfPath[P]> : paths[P][M] }
    : paths[P];
};

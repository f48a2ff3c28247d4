/**
 * Featurebase lists are cursor pages: `{ object: "list", data, nextCursor }`; pass `nextCursor` back as
 * `cursor` until it is null.
 */
import type { paths } from "../../generated/featurebase.js";
import { fetchListPage, type PaginateOptions, type Paginator, paginate } from "../core/index.js";
import type { FeaturebaseClient } from "./index.js";

/** The GET operations that return a cursor page. */
export type FeaturebaseListPath = "/v2/companies" | "/v2/contacts" | "/v2/companies/{id}/contacts";
type ListPage<P extends FeaturebaseListPath> = paths[P]["get"]["responses"][200]["content"]["application/json"];
type ListItem<P extends FeaturebaseListPath> = ListPage<P>["data"][number];
type ListParams<P extends FeaturebaseListPath> = Omit<NonNullable<paths[P]["get"]["parameters"]["query"]>, "cursor"> &
  (paths[P]["get"]["parameters"]["path"] extends Record<string, unknown>
    ? { path: paths[P]["get"]["parameters"]["path"] }
    : { path?: never });

/**
 * Every item of a list operation, fetching pages as they are consumed.
 *   for await (const company of paginateFeaturebase(client, "/v2/companies", { limit: 100 })) { … }
 */
export function paginateFeaturebase<P extends FeaturebaseListPath>(
  client: FeaturebaseClient,
  path: P,
  params: ListParams<P> = {} as ListParams<P>,
  options: PaginateOptions = {},
): Paginator<ListPage<P>, ListItem<P>> {
  const { path: pathParams, ...query } = params as { path?: Record<string, string> } & Record<string, unknown>;
  return paginate<ListPage<P>, ListItem<P>, string>(
    {
      fetchPage: (cursor, signal) =>
        fetchListPage(client, "GET", path, { params: { path: pathParams, query: { ...query, cursor } }, signal }),
      items: (page) => page.data as ListItem<P>[],
      next: (page) => page.nextCursor ?? undefined,
    },
    options,
  );
}

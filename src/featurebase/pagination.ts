/**
 * Featurebase lists are cursor pages: `{ object: "list", data, nextCursor }`; pass `nextCursor` back as
 * `cursor` until it is null.
 */
import type { paths } from "../../generated/featurebase.js";
import { type CrmClient, type PaginateOptions, type Paginator, paginate } from "../core/index.js";
import {
  fetchListPage,
  type GetInit,
  type ListPage,
  type ListPageRequest,
  type PaginatorArgs,
  pageField,
  pageRequest,
  walkOptions,
} from "../core/vendor-kit.js";

/** The GET operations that return a cursor page. */
export type FeaturebaseListPath = "/v2/companies" | "/v2/contacts" | "/v2/companies/{id}/contacts";
type Page<P extends FeaturebaseListPath> = ListPage<paths[P]["get"]>;
type Item<P extends FeaturebaseListPath> = Page<P>["data"][number];

/**
 * Every item of a list operation, fetching pages as they are consumed. `init` is what `client.GET(path, init)`
 * takes (a `cursor` in its query is where the walk starts); `options` bound the walk.
 *   for await (const company of paginateFeaturebase(client, "/v2/companies", { params: { query: { limit: 100 } } })) { … }
 */
export function paginateFeaturebase<P extends FeaturebaseListPath>(
  client: CrmClient<paths>,
  path: P,
  ...[init, options = {}]: PaginatorArgs<GetInit<paths, P>>
): Paginator<Page<P>, Item<P>> {
  const request = init as ListPageRequest | undefined;
  return paginate<Page<P>, Item<P>, string>(
    {
      fetchPage: (cursor, signal) =>
        fetchListPage(client, "GET", path, pageRequest(request, cursor === undefined ? {} : { cursor }, signal)),
      items: (page) => pageField(page.data, "data", "array") as Item<P>[],
      next: (page) => nextCursorOf(page),
    },
    walkOptions(request, options as PaginateOptions),
  );
}

/** The cursor of the next page, or undefined on the last (nextCursor null); anything else breaks the schema. */
function nextCursorOf(page: { nextCursor?: unknown }): string | undefined {
  return pageField(page.nextCursor, "nextCursor", "optional string") ?? undefined;
}

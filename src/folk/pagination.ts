/**
 * folk lists are cursor pages: `{ data: { items, pagination: { nextLink? } } }`, where `nextLink` is the full URL
 * of the next page and is absent on the last one (https://developer.folk.app/api-reference/pagination).
 *
 * The walk takes the `cursor` query parameter out of `nextLink` and asks for the next page through the client,
 * rather than fetching `nextLink` itself: folk writes its production host into the link, so following it would
 * leave the configured baseUrl (a proxy, a mock) and send the API key to whatever host a response names.
 * The caller's own init (its query: limit, filter, combinator; a search's body; call options) is sent again with
 * each cursor.
 */

import { type CrmClient, CrmKitError, type PageStrategy, type PaginateOptions, type Paginator, paginate } from "../core/index.js";
import {
  fetchListPage,
  type GetInit,
  type ListPage,
  type ListPageRequest,
  type PaginatorArgs,
  type PostInit,
  pageField,
  pageRequest,
  prefix,
  walkOptions,
} from "../core/vendor-kit.js";
import type { FolkPaths as paths } from "./filters.js";

/** The GET operations that return a page of items. */
export type FolkListPath =
  | "/v1/companies"
  | "/v1/people"
  | "/v1/groups"
  | "/v1/groups/{groupId}/custom-fields/{entityType}"
  | "/v1/groups/{groupId}/{objectType}"
  | "/v1/users"
  | "/v1/notes"
  | "/v1/reminders"
  | "/v1/webhooks";
type Page<P extends FolkListPath> = ListPage<paths[P]["get"]>;
type Item<P extends FolkListPath> = Page<P>["data"]["items"][number];

/** The POST searches, paged like the lists, with the filters in the body. */
export type FolkSearchPath = "/v1/companies/search" | "/v1/people/search" | "/v1/groups/{groupId}/{objectType}/search";
type SearchPage<P extends FolkSearchPath> = ListPage<paths[P]["post"]>;
type SearchItem<P extends FolkSearchPath> = SearchPage<P>["data"]["items"][number];
type AnyPage = { data: { items: unknown[]; pagination: { nextLink?: string } } };

/**
 * The cursor carried by a page's `nextLink`, or undefined when there is no next page. Throws when a link is
 * present but holds no cursor, since the walk could neither continue nor honestly claim to be complete.
 */
export function cursorFromNextLink(nextLink: string | undefined): string | undefined {
  if (nextLink === undefined || nextLink === "") return undefined;
  let cursor: string | null = null;
  try {
    cursor = new URL(nextLink).searchParams.get("cursor");
  } catch {
    // Reported below with the link itself.
  }
  if (!cursor) {
    throw new CrmKitError(
      `${prefix("folk")}pagination.nextLink ${JSON.stringify(nextLink.slice(0, 200))} has no cursor query parameter, so the ` +
        `next page cannot be requested. folk documents nextLink as a URL carrying the cursor; report the response to folk.`,
    );
  }
  return cursor;
}

function strategy<TPage extends AnyPage, TItem>(
  fetchPage: (cursor: string | undefined, signal?: AbortSignal) => Promise<TPage>,
): PageStrategy<TPage, TItem, string> {
  return {
    fetchPage,
    items: (page) => pageField(pageField(page.data, "data", "object").items, "data.items", "array") as TItem[],
    next: (page) => {
      const pagination = pageField(pageField(page.data, "data", "object").pagination, "data.pagination", "object");
      return cursorFromNextLink(pageField(pagination.nextLink, "data.pagination.nextLink", "optional string") ?? undefined);
    },
  };
}

/**
 * Every item of a list operation, fetching pages as they are consumed. `init` is what `client.GET(path, init)`
 * takes (a templated path's parameters in `params.path`; a `cursor` in the query is where the walk starts);
 * `options` bound the walk.
 *   for await (const company of paginateFolk(folk, "/v1/companies", { params: { query: { filter: { name: { like: "acme" } } } } })) { … }
 *   const deals = await paginateFolk(folk, "/v1/groups/{groupId}/{objectType}", { params: { path: { groupId, objectType: "Deals" } } }).toArray();
 */
export function paginateFolk<P extends FolkListPath>(
  client: CrmClient<paths>,
  path: P,
  ...[init, options = {}]: PaginatorArgs<GetInit<paths, P>>
): Paginator<Page<P>, Item<P>> {
  const request = init as ListPageRequest | undefined;
  return paginate(
    strategy<Page<P>, Item<P>>((cursor, signal) =>
      fetchListPage(client, "GET", path, pageRequest(request, cursor === undefined ? {} : { cursor }, signal)),
    ),
    walkOptions(request, options as PaginateOptions),
  );
}

/**
 * Every item matching a search (POST /v1/companies/search, /v1/people/search or the objects of a group),
 * re-POSTing the body with nextLink's cursor. `init` is what `client.POST(path, init)` takes.
 *   const people = await searchAllFolk(folk, "/v1/people/search", { body: { filter: { jobTitle: { like: "CTO" } } } }).toArray();
 */
export function searchAllFolk<P extends FolkSearchPath>(
  client: CrmClient<paths>,
  path: P,
  ...[init, options = {}]: PaginatorArgs<PostInit<paths, P>>
): Paginator<SearchPage<P>, SearchItem<P>> {
  const request = init as ListPageRequest | undefined;
  return paginate(
    strategy<SearchPage<P>, SearchItem<P>>((cursor, signal) =>
      fetchListPage(client, "POST", path, pageRequest(request, cursor === undefined ? {} : { cursor }, signal)),
    ),
    walkOptions(request, options as PaginateOptions),
  );
}

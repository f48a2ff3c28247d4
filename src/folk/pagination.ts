/**
 * folk lists are cursor pages: `{ data: { items, pagination: { nextLink? } } }`, where `nextLink` is the full URL
 * of the next page and is absent on the last one (https://developer.folk.app/api-reference/pagination).
 *
 * The walk takes the `cursor` query parameter out of `nextLink` and asks for the next page through the client,
 * rather than fetching `nextLink` itself: folk writes its production host into the link, so following it would
 * leave the configured baseUrl (a proxy, a mock) and send the API key to whatever host a response names.
 * The caller's own query (limit, filter, combinator) is sent again with each cursor.
 */
import type { paths } from "../../generated/folk.js";
import { CrmKitError, fetchListPage, type PageStrategy, type PaginateOptions, type Paginator, pageField, paginate } from "../core/index.js";
import { prefix } from "../core/messages.js";
import type { FolkClient } from "./index.js";

/** The GET operations that return a page of items. */
export type FolkListPath = "/v1/companies" | "/v1/people" | "/v1/groups";
type ListPage<P extends FolkListPath> = paths[P]["get"]["responses"][200]["content"]["application/json"];
type ListItem<P extends FolkListPath> = ListPage<P>["data"]["items"][number];
type ListQuery<P extends FolkListPath> = Omit<NonNullable<paths[P]["get"]["parameters"]["query"]>, "cursor">;

/** The POST searches, paged like the lists, with the filters in the body. */
export type FolkSearchPath = "/v1/companies/search" | "/v1/people/search";
type SearchPage<P extends FolkSearchPath> = paths[P]["post"]["responses"][200]["content"]["application/json"];
type SearchItem<P extends FolkSearchPath> = SearchPage<P>["data"]["items"][number];
type SearchBody<P extends FolkSearchPath> = paths[P]["post"]["requestBody"]["content"]["application/json"];
type SearchQuery<P extends FolkSearchPath> = Omit<NonNullable<paths[P]["post"]["parameters"]["query"]>, "cursor">;

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
 * Every item of a list operation, fetching pages as they are consumed.
 *   for await (const company of paginateFolk(folk, "/v1/companies", { filter: { name: { like: "acme" } } })) { … }
 */
export function paginateFolk<P extends FolkListPath>(
  client: FolkClient,
  path: P,
  query: ListQuery<P> = {} as ListQuery<P>,
  options: PaginateOptions = {},
): Paginator<ListPage<P>, ListItem<P>> {
  return paginate(
    strategy<ListPage<P>, ListItem<P>>((cursor, signal) =>
      fetchListPage(client, "GET", path, { params: { query: { ...query, cursor } }, signal }),
    ),
    options,
  );
}

/**
 * Every item matching a search (POST /v1/companies/search or /v1/people/search), re-POSTing the body with nextLink's cursor.
 *   const people = await searchAllFolk(folk, "/v1/people/search", { filter: { jobTitle: { like: "CTO" } } }).toArray();
 */
export function searchAllFolk<P extends FolkSearchPath>(
  client: FolkClient,
  path: P,
  body: SearchBody<P>,
  query: SearchQuery<P> = {} as SearchQuery<P>,
  options: PaginateOptions = {},
): Paginator<SearchPage<P>, SearchItem<P>> {
  return paginate(
    strategy<SearchPage<P>, SearchItem<P>>((cursor, signal) =>
      fetchListPage(client, "POST", path, { params: { query: { ...query, cursor } }, body, signal }),
    ),
    options,
  );
}

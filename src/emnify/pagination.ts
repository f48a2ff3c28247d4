/**
 * emnify lists are bare JSON arrays paged with `page` / `per_page`; the paging headers say where the list ends
 * (see page-headers.ts). Whether the contact list is paginated is not documented, so the walk also works when
 * the server ignores paging and sends the whole list.
 */
import type { paths } from "../../generated/emnify.js";
import { type CrmClient, type PaginateOptions, type Paginator, paginate, unwrap } from "../core/index.js";
import {
  type GetInit,
  type ListPage,
  type ListPageRequest,
  type PaginatorArgs,
  pageField,
  pageRequest,
  walkOptions,
} from "../core/vendor-kit.js";
import { hasPagingHeaders, nextPage } from "./page-headers.js";

/** emnify's one list operation: an organisation's contacts. */
export type EmnifyListPath = "/api/v1/organisation/{org_id}/contact";
type ContactPage = ListPage<paths[EmnifyListPath]["get"]>;

/** The page size the walk asks for unless the init's query names one; emnify caps large values at an undocumented size. */
export const DEFAULT_PER_PAGE = 50;

/** One fetched page: its contacts and what is needed to find the next one. */
export interface EmnifyPage {
  /** The contacts of this page. */
  contacts: ContactPage;
  /** The page number that was asked for. */
  page: number;
  /** The response headers (Link, X-Current-Page, X-Total-Pages, …). */
  headers: Headers;
}

/**
 * Every contact of an organisation, fetching pages as they are consumed. `init` is what `client.GET(path, init)`
 * takes (its `page`, 1 by default, is where the walk starts; `per_page` defaults to 50); `options` bound the walk.
 *   for await (const contact of paginateEmnify(emnify, "/api/v1/organisation/{org_id}/contact", { params: { path: { org_id: 1234 } } })) { … }
 */
export function paginateEmnify<P extends EmnifyListPath>(
  client: CrmClient<paths>,
  path: P,
  ...[init, options = {}]: PaginatorArgs<GetInit<paths, P>>
): Paginator<EmnifyPage, ContactPage[number]> {
  const request = init as ListPageRequest;
  const query = (request?.params?.query ?? {}) as { page?: number; per_page?: number };
  const perPage = query.per_page ?? DEFAULT_PER_PAGE;
  const firstPage = query.page ?? 1;
  let previousIds: string | undefined;
  return paginate<EmnifyPage, ContactPage[number], number>(
    {
      async fetchPage(cursor, signal) {
        const page = cursor ?? firstPage;
        const result = fetchResult(client, path, pageRequest(request, { page, per_page: perPage }, signal));
        // emnify lists are bare arrays: the body itself is the field that must hold the page.
        const contacts = pageField(await unwrap(result), "body", "array") as ContactPage;
        const { headers } = (await result).response;
        // Without paging headers a server that ignores `page` sends the same list again: that list was all there is.
        const ids = JSON.stringify(contacts.map((contact) => contact.id));
        const repeated = page > firstPage && ids === previousIds && !hasPagingHeaders(headers);
        previousIds = ids;
        return { contacts: repeated ? [] : contacts, page, headers };
      },
      items: (page) => page.contacts,
      next: (page) => nextPage({ page: page.page, perPage, itemCount: page.contacts.length, headers: page.headers }),
    },
    walkOptions(request, options as PaginateOptions),
  );
}

/** One page's call, made loosely: the init was checked by paginateEmnify's signature. */
function fetchResult(client: CrmClient<paths>, path: EmnifyListPath, request: ListPageRequest) {
  return (client.GET as (path: string, init: ListPageRequest) => ReturnType<CrmClient<paths>["GET"]>)(path, request) as Promise<{
    data?: ContactPage;
    error?: unknown;
    response: Response;
  }>;
}

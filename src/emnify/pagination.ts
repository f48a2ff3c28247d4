/**
 * emnify lists are bare JSON arrays paged with `page` / `per_page`; the paging headers say where the list ends
 * (see page-headers.ts). Whether the contact list is paginated is not documented, so the walk also works when
 * the server ignores paging and sends the whole list.
 */
import type { paths } from "../../generated/emnify.js";
import { type CrmClient, type PaginateOptions, type Paginator, paginate, unwrap } from "../core/index.js";
import { type ListPage, type ListQuery, pageField } from "../core/vendor-kit.js";
import { hasPagingHeaders, nextPage } from "./page-headers.js";

const CONTACTS = "/api/v1/organisation/{org_id}/contact";
type ListContacts = paths[typeof CONTACTS]["get"];
type ContactPage = ListPage<ListContacts>;

/** The page size the walk asks for unless told otherwise; emnify caps large values at an undocumented size. */
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

/** What paginateEmnify takes: the organisation and the list's query, without `page`, which the walk sets. */
export type EmnifyListParams = ListQuery<ListContacts, "page"> & {
  /** Organisation whose contacts are listed. Required. */
  org_id: ListContacts["parameters"]["path"]["org_id"];
  /** Page size to ask for (defaults to 50); a short page ends the walk when the server sends no paging headers. */
  per_page?: ListQuery<ListContacts, "page">["per_page"];
};

/**
 * Every contact of an organisation (emnify's one list operation), fetching pages as they are consumed.
 *   for await (const contact of paginateEmnify(emnify, { org_id: 1234 })) { … }
 */
export function paginateEmnify(
  client: CrmClient<paths>,
  params: EmnifyListParams,
  options: PaginateOptions = {},
): Paginator<EmnifyPage, ContactPage[number]> {
  const { org_id, per_page = DEFAULT_PER_PAGE, ...query } = params;
  let previousIds: string | undefined;
  return paginate<EmnifyPage, ContactPage[number], number>(
    {
      async fetchPage(cursor, signal) {
        const page = cursor ?? 1;
        const result = client.GET(CONTACTS, { params: { path: { org_id }, query: { ...query, page, per_page } }, signal });
        // emnify lists are bare arrays: the body itself is the field that must hold the page.
        const contacts = pageField(await unwrap(result), "body", "array") as ContactPage;
        const { headers } = (await result).response;
        // Without paging headers a server that ignores `page` sends the same list again: that list was all there is.
        const ids = JSON.stringify(contacts.map((contact) => contact.id));
        const repeated = page > 1 && ids === previousIds && !hasPagingHeaders(headers);
        previousIds = ids;
        return { contacts: repeated ? [] : contacts, page, headers };
      },
      items: (page) => page.contacts,
      next: (page) => nextPage({ page: page.page, perPage: per_page, itemCount: page.contacts.length, headers: page.headers }),
    },
    options,
  );
}

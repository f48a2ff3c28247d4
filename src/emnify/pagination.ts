/**
 * emnify lists are bare JSON arrays paged with `page` / `per_page`; the paging headers say where the list ends
 * (see page-headers.ts). Whether the contact list is paginated is not documented, so the walk also works when
 * the server ignores paging and sends the whole list.
 */
import type { paths } from "../../generated/emnify.js";
import { type PaginateOptions, type Paginator, pageField, paginate, unwrap } from "../core/index.js";
import type { EmnifyClient } from "./index.js";
import { hasPagingHeaders, nextPage } from "./page-headers.js";

const CONTACTS = "/api/v1/organisation/{org_id}/contact";
type ListContacts = paths[typeof CONTACTS]["get"];
type ContactPage = ListContacts["responses"][200]["content"]["application/json"];
type ListContactsQuery = NonNullable<ListContacts["parameters"]["query"]>;

/** The page size the walk asks for unless told otherwise; emnify caps large values at an undocumented size. */
export const DEFAULT_PER_PAGE = 50;

/** One fetched page: its contacts and what is needed to find the next one. */
export interface ContactsPage {
  /** The contacts of this page. */
  contacts: ContactPage;
  /** The page number that was asked for. */
  page: number;
  /** The response headers (Link, X-Current-Page, X-Total-Pages, …). */
  headers: Headers;
}

export interface PaginateContactsParams extends Omit<ListContactsQuery, "page"> {
  /** Organisation whose contacts are listed. Required. */
  org_id: ListContacts["parameters"]["path"]["org_id"];
  /** Page size to ask for (defaults to 50); a short page ends the walk when the server sends no paging headers. */
  per_page?: ListContactsQuery["per_page"];
}

/**
 * Every contact of an organisation, fetching pages as they are consumed.
 *   for await (const contact of paginateContacts(emnify, { org_id: 1234 })) { … }
 */
export function paginateContacts(
  client: EmnifyClient,
  params: PaginateContactsParams,
  options: PaginateOptions = {},
): Paginator<ContactsPage, ContactPage[number]> {
  const { org_id, per_page = DEFAULT_PER_PAGE, ...query } = params;
  let previousIds: string | undefined;
  return paginate<ContactsPage, ContactPage[number], number>(
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

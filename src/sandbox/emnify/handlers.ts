/** One thin handler per emnify operation: the request's fields in, the store's answer out. */
import type { operations } from "../../../generated/emnify.js";
import type { OperationHandlers } from "../types.js";
import { failureReply, notFound, validationFailed } from "./errors.js";
import { type ContactPage, type EmnifyStore, isFailure } from "./store.js";

export const emnifyHandlers: OperationHandlers<operations, EmnifyStore> = {
  authenticate: ({ body }, store) => ({ status: 200, body: store.authenticate(body.application_token) }),
  listContacts: ({ path, query, url }, store) => {
    const page = store.listContacts(path.org_id, query);
    return { status: 200, body: page.contacts, headers: pageHeaders(url.pathname, page) };
  },
  createContact: ({ path, body, url }, store) => {
    // "id and organisation_id must not be specified, neither in query string, nor in JSON payload" (the body
    // schema refuses them; the query string is checked here).
    const sent = ["id", "organisation_id"].filter((name) => url.searchParams.has(name));
    if (sent.length > 0) return validationFailed(sent.map((name) => ({ message: `${name} must not be sent` })));
    const created = store.createContact(path.org_id, body);
    if (isFailure(created)) return failureReply(created);
    return { status: 201, body: created, headers: { location: `${url.pathname}/${created.contact_id}` } };
  },
  getContact: ({ path }, store) => {
    const contact = store.getContact(path.org_id, Number(path.contact_id));
    return isFailure(contact) ? notFound(contact) : { status: 200, body: contact };
  },
  updateContact: ({ path, body }, store) => {
    const updated = store.updateContact(path.org_id, Number(path.contact_id), body);
    return isFailure(updated) ? failureReply(updated) : { status: 204, body: undefined };
  },
  deleteContact: ({ path }, store) => {
    const deleted = store.deleteContact(path.org_id, Number(path.contact_id));
    return isFailure(deleted) ? notFound(deleted) : { status: 204, body: undefined };
  },
};

/** emnify's paging headers (https://docs.emnify.com/developers/api-guidelines/collections-pagination). */
function pageHeaders(path: string, page: ContactPage): Record<string, string> {
  const link = (number: number, rel: string) => `<${path}?page=${number}&per_page=${page.perPage}>; rel="${rel}"`;
  const links = [link(1, "first")];
  if (page.page > 1) links.push(link(page.page - 1, "prev"));
  if (page.page < page.totalPages) links.push(link(page.page + 1, "next"));
  links.push(link(page.totalPages, "last"));
  return {
    link: links.join(", "),
    "x-count-per-page": String(page.perPage),
    "x-current-page": String(page.page),
    "x-total-count": String(page.totalCount),
    "x-total-pages": String(page.totalPages),
  };
}

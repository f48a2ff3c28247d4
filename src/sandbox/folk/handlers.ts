/** One thin handler per folk operation: the request's fields in, the store's answer out in folk's `{ data }` envelope. */
import type { operations } from "../../../generated/folk.js";
import type { OperationHandlers } from "../types.js";
import { failureReply } from "./errors.js";
import { type FolkFailure, isFailure } from "./model.js";
import type { FolkPage, FolkStore } from "./store.js";

export const folkHandlers: OperationHandlers<operations, FolkStore> = {
  listCompanies: ({ query, url }, store) => page(store.listCompanies(query), url),
  createCompany: ({ body }, store) => data(store.createCompany(body)),
  searchCompanies: ({ query, body, url }, store) => page(store.listCompanies({ ...query, ...body }), url),
  getCompany: ({ path }, store) => data(store.getCompany(path.companyId)),
  updateCompany: ({ path, body }, store) => data(store.updateCompany(path.companyId, body)),
  deleteCompany: ({ path }, store) => data(store.deleteCompany(path.companyId)),
  listPeople: ({ query, url }, store) => page(store.listPeople(query), url),
  createPerson: ({ body }, store) => data(store.createPerson(body)),
  searchPeople: ({ query, body, url }, store) => page(store.listPeople({ ...query, ...body }), url),
  getPerson: ({ path }, store) => data(store.getPerson(path.personId)),
  updatePerson: ({ path, body }, store) => data(store.updatePerson(path.personId, body)),
  deletePerson: ({ path }, store) => data(store.deletePerson(path.personId)),
  listGroups: ({ query, url }, store) => page(store.listGroups(query), url),
};

/** 200 with `{ data }`, or the documented error for the store's failure. */
function data<T>(result: T) {
  return isFailure(result) ? failureReply(result) : { status: 200 as const, body: { data: result as Exclude<T, FolkFailure> } };
}

/** 200 with `{ data: { items, pagination } }`; `nextLink` is this request's URL with the next cursor. */
function page<T>(result: FolkPage<T> | Extract<FolkFailure, { failure: "invalid" }>, url: URL) {
  if (isFailure(result)) return failureReply(result);
  const pagination: { nextLink?: string } = {};
  if (result.nextCursor) {
    const next = new URL(url);
    next.searchParams.set("cursor", result.nextCursor);
    pagination.nextLink = next.href;
  }
  return { status: 200 as const, body: { data: { items: result.items, pagination } } };
}

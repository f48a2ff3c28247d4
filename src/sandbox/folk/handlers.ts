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
  listGroupCustomFields: ({ path, query, url }, store) => page(store.listGroupCustomFields(path.groupId, path.entityType, query), url),
  listDeals: ({ path, query, url }, store) => page(store.deals.listDeals(path, query), url),
  createDeal: ({ path, body }, store) => data(store.deals.createDeal(path, body)),
  searchDeals: ({ path, query, body, url }, store) => page(store.deals.listDeals(path, { ...query, ...body }), url),
  getDeal: ({ path }, store) => data(store.deals.getDeal(path, path.objectId)),
  updateDeal: ({ path, body }, store) => data(store.deals.updateDeal(path, path.objectId, body)),
  deleteDeal: ({ path }, store) => data(store.deals.deleteDeal(path, path.objectId)),
  listUsers: ({ query, url }, store) => page(store.users.listUsers(query), url),
  getCurrentUser: (_request, store) => data(store.users.getCurrentUser()),
  getUser: ({ path }, store) => data(store.users.getUser(path.userId)),
  listNotes: ({ query, url }, store) => page(store.notes.listNotes(query), url),
  createNote: ({ body }, store) => data(store.notes.createNote(body)),
  getNote: ({ path }, store) => data(store.notes.getNote(path.noteId)),
  updateNote: ({ path, body }, store) => data(store.notes.updateNote(path.noteId, body)),
  deleteNote: ({ path }, store) => data(store.notes.deleteNote(path.noteId)),
  listReminders: ({ query, url }, store) => page(store.reminders.listReminders(query), url),
  createReminder: ({ body }, store) => data(store.reminders.createReminder(body)),
  getReminder: ({ path }, store) => data(store.reminders.getReminder(path.reminderId)),
  updateReminder: ({ path, body }, store) => data(store.reminders.updateReminder(path.reminderId, body)),
  deleteReminder: ({ path }, store) => data(store.reminders.deleteReminder(path.reminderId)),
  createInteraction: ({ body }, store) => data(store.createInteraction(body)),
  listWebhooks: ({ query, url }, store) => page(store.webhooks.listWebhooks(query), url),
  createWebhook: ({ body }, store) => data(store.webhooks.createWebhook(body)),
  getWebhook: ({ path }, store) => data(store.webhooks.getWebhook(path.webhookId)),
  updateWebhook: ({ path, body }, store) => data(store.webhooks.updateWebhook(path.webhookId, body)),
  deleteWebhook: ({ path }, store) => data(store.webhooks.deleteWebhook(path.webhookId)),
};

/** 200 with `{ data }`, or the documented error for the store's failure. */
function data<T>(result: T) {
  return isFailure(result) ? failureReply(result) : { status: 200 as const, body: { data: result as Exclude<T, FolkFailure> } };
}

/** 200 with `{ data: { items, pagination } }`; `nextLink` is this request's URL with the next cursor. */
function page<T, F extends FolkFailure>(result: FolkPage<T> | F, url: URL) {
  if (isFailure(result)) return failureReply(result as F);
  const pagination: { nextLink?: string } = {};
  const { items, nextCursor } = result as FolkPage<T>;
  if (nextCursor) {
    const next = new URL(url);
    next.searchParams.set("cursor", nextCursor);
    pagination.nextLink = next.href;
  }
  return { status: 200 as const, body: { data: { items, pagination } } };
}

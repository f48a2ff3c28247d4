/** One thin handler per Featurebase operation: the request's fields in, the store's answer out. */
import type { operations } from "../../../generated/featurebase.js";
import type { OperationHandlers } from "../types.js";
import { failureReply } from "./errors.js";
import { type FeaturebaseFailure, type FeaturebaseStore, isFailure, type NotCustomerFailure, type NotFoundFailure } from "./store.js";

export const featurebaseHandlers: OperationHandlers<operations, FeaturebaseStore> = {
  listCompanies: ({ query }, store) => answer(store.listCompanies(query)),
  upsertCompany: ({ body }, store) => ({ status: 200, body: store.upsertCompany(body).company }),
  deleteCompanyByExternalId: ({ path }, store) => deleted(store.deleteCompanyByExternalId(path.companyId), "company"),
  getCompany: ({ path }, store) => answer(store.getCompany(path.id)),
  deleteCompany: ({ path }, store) => deleted(store.deleteCompany(path.id), "company"),
  listCompanyContacts: ({ path, query }, store) => answer(store.listCompanyContacts(path.id, query)),
  attachContact: ({ path, body }, store) => answer(store.attachContact(path.id, body.contactId)),
  detachContact: ({ path }, store) => answer(store.detachContact(path.id, path.contactId)),
  listContacts: ({ query }, store) => answer(store.listContacts(query)),
  upsertContact: ({ body }, store) => {
    const { contact, created } = store.upsertContact(body);
    return { status: created ? 201 : 200, body: contact };
  },
  getContact: ({ path }, store) => answer(store.getContact(path.id)),
  deleteContact: ({ path }, store) => deleted(store.deleteContact(path.id), "contact"),
  getContactByUserId: ({ path }, store) => answer(store.getContactByUserId(path.userId)),
  deleteContactByUserId: ({ path }, store) => deleted(store.deleteContactByUserId(path.userId), "contact"),
  getContactEmailPreferences: ({ path }, store) => answer(store.getContactEmailPreferences(path.id)),
  updateContactEmailPreferences: ({ path, body }, store) => answer(store.updateContactEmailPreferences(path.id, body.preferences)),
  getContactEmailPreferencesByUserId: ({ path }, store) => answer(store.getContactEmailPreferencesByUserId(path.userId)),
  updateContactEmailPreferencesByUserId: ({ path, body }, store) =>
    answer(store.updateContactEmailPreferencesByUserId(path.userId, body.preferences)),
  blockContact: ({ path }, store) => {
    const result = store.setContactBlocked(path.id, true);
    return isFailure(result) ? failureReply(result) : { status: 200, body: { id: result.id, object: "contact", blocked: true } };
  },
  unblockContact: ({ path }, store) => {
    const result = store.setContactBlocked(path.id, false);
    return isFailure(result) ? failureReply(result) : { status: 200, body: { id: result.id, object: "contact", unblocked: true } };
  },
};

/** 200 with the store's answer, or the documented error for its failure. */
function answer<T>(result: T) {
  return isFailure(result) ? failureReply(result) : { status: 200 as const, body: result as Exclude<T, FeaturebaseFailure> };
}

function deleted<Kind extends "company" | "contact">(result: { id: string } | NotFoundFailure | NotCustomerFailure, object: Kind) {
  return isFailure(result) ? failureReply(result) : { status: 200 as const, body: { id: result.id, object, deleted: true } };
}

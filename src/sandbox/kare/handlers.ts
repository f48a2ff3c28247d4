/** One thin handler per Kare operation: the request's fields in, the store's answer out. */
import type { operations } from "../../../generated/kare.js";
import type { OperationHandlers } from "../types.js";
import { notFound, unknownReference } from "./errors.js";
import { isFailure, type KareStore } from "./store.js";

export const kareHandlers: OperationHandlers<operations, KareStore> = {
  login: ({ body }, store) => ({ status: 201, body: { data: store.login(body) } }),
  listCompanies: ({ query }, store) => ({ status: 200, body: store.listCompanies(query) }),
  getCompany: ({ path }, store) => {
    const company = store.getCompany(path.companyId);
    return isFailure(company) ? notFound(company) : { status: 200, body: company };
  },
  createCompany: ({ body }, store) => {
    const company = store.createCompany(body);
    return isFailure(company) ? unknownReference(company) : { status: 201, body: company };
  },
  listContacts: ({ path, query }, store) => {
    const page = store.listContacts(path.companyId, query);
    return isFailure(page) ? notFound(page) : { status: 200, body: page };
  },
  createContacts: ({ path, body }, store) => {
    const result = store.createContacts(path.companyId, body);
    return isFailure(result) ? notFound(result) : { status: 201, body: result };
  },
  updateContact: ({ path, body }, store) => {
    const contact = store.updateContact(path.companyId, path.contactId, body);
    return isFailure(contact) ? notFound(contact) : { status: 200, body: contact };
  },
};

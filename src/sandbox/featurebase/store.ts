/**
 * Featurebase's rules for companies and contacts (https://docs.featurebase.app/rest-api): upserts matched on
 * the external `companyId` and on `userId`/`email`, attach/detach with `linkedUsers`, block/unblock, and
 * cursor pages over the stored records. Returns the API's own shapes; knows nothing of HTTP.
 */
import type { components } from "../../../generated/featurebase.js";
import { createObjectIdGenerator, type ObjectIdGenerator } from "../object-id.js";
import { type RecordPage, RecordTable } from "../record-table.js";
import {
  applyPreferences,
  type ContactEmailPreferences,
  type PreferenceChanges,
  preferencesView,
  type StoredPreferences,
} from "./email-preferences.js";

export type Company = components["schemas"]["Company"];
export type Contact = components["schemas"]["Contact"];
export type UpsertCompanyInput = components["schemas"]["UpsertCompanyRequest"];
export type UpsertContactInput = components["schemas"]["UpsertContactRequest"];
export type ContactType = "customer" | "lead";

/** A stored company: the API's company without `linkedUsers`, which is counted from the contacts. */
export type StoredCompany = Omit<Company, "linkedUsers">;

/** A stored contact: the API's contact, with its companies as ObjectIds rather than embedded copies. */
export type StoredContact = Omit<Contact, "companies"> & { companyIds: string[]; blocked: boolean };

/** Why a call on an existing-record rule failed; the handler turns it into the documented error. */
export type NotFoundFailure = { failure: "notFound"; kind: "company" | "contact"; param: string; value: string };
export type NotAttachedFailure = { failure: "notAttached"; companyId: string; contactId: string };
export type InvalidCursorFailure = { failure: "invalidCursor"; cursor: string };
/** The contact exists but is a lead, and the operation is for customers only. */
export type NotCustomerFailure = { failure: "notCustomer"; contactId: string };
export type FeaturebaseFailure = NotFoundFailure | NotAttachedFailure | InvalidCursorFailure | NotCustomerFailure;

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

export interface FeaturebasePage<T> {
  object: "list";
  data: T[];
  nextCursor: string | null;
}

const DEFAULT_LIMIT = 10;
const COMPANY_FIELDS = ["monthlySpend", "industry", "website", "plan", "companySize", "createdAt", "customFields"] as const;
const CONTACT_FIELDS = ["name", "profilePicture", "customFields", "subscribedToChangelog", "locale", "roles"] as const;

export class FeaturebaseStore {
  // Upserts find a company by `companyId` and a contact by `userId` or `email`: indexed, so a write costs the same at any size.
  readonly #companies = new RecordTable<StoredCompany, "companyId">({ companyId: (c) => c.companyId });
  readonly #contacts = new RecordTable<StoredContact, "userId" | "email" | "companyId">({
    // A company's contacts, for its linkedUsers count and for unlinking them when it is deleted.
    companyId: (c) => c.companyIds,
    userId: (c) => c.userId ?? undefined,
    email: (c) => c.email ?? undefined,
  });
  /** Email preferences by contact id; a customer without an entry has every category subscribed. */
  readonly #preferences = new Map<string, StoredPreferences>();
  readonly #now: () => Date;
  readonly #newId: ObjectIdGenerator;

  constructor(options: { now?: () => Date; newId?: ObjectIdGenerator } = {}) {
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? createObjectIdGenerator(this.#now);
  }

  /** Adds a company exactly as given (a seed record); its `linkedUsers` is ignored. */
  putCompany(company: Company): void {
    const { linkedUsers: _counted, ...stored } = company;
    this.#companies.set(company.id, stored);
  }

  /** Adds a contact exactly as given (a seed record); its embedded companies must already be stored. */
  putContact(contact: Contact): void {
    const { companies = [], ...rest } = contact;
    this.#contacts.set(contact.id, { ...rest, companyIds: companies.map((c) => c.id), blocked: false });
  }

  /**
   * Creates the company, or updates the one with the same `companyId`: it keeps its `id` and `createdAt`,
   * and each field sent replaces the stored one (`customFields` as a whole); fields not sent are kept.
   */
  upsertCompany(input: UpsertCompanyInput): { company: Company; created: boolean } {
    const now = this.#now().toISOString();
    const existing = this.#companies.findBy("companyId", input.companyId);
    const stored: StoredCompany = existing
      ? { ...existing, name: input.name, updatedAt: now }
      : { object: "company", id: this.#freshId(), companyId: input.companyId, name: input.name, createdAt: now, updatedAt: now };
    for (const field of COMPANY_FIELDS) {
      if (input[field] !== undefined && !(existing && field === "createdAt")) Object.assign(stored, { [field]: input[field] });
    }
    this.#companies.set(stored.id, stored);
    return { company: this.#companyView(stored), created: !existing };
  }

  getCompany(id: string): Company | NotFoundFailure {
    const company = this.#companies.get(id);
    return company ? this.#companyView(company) : notFound("company", "id", id);
  }

  listCompanies(request: PageRequest): FeaturebasePage<Company> | InvalidCursorFailure {
    return this.#page(
      this.#companies,
      request,
      () => true,
      (c) => this.#companyView(c),
    );
  }

  /** Deletes the company and removes it from every contact's companies. */
  deleteCompany(id: string): { id: string } | NotFoundFailure {
    if (!this.#companies.delete(id)) return notFound("company", "id", id);
    for (const contact of this.#contacts.allBy("companyId", id)) {
      this.#contacts.set(contact.id, { ...contact, companyIds: contact.companyIds.filter((c) => c !== id) });
    }
    return { id };
  }

  deleteCompanyByExternalId(companyId: string): { id: string } | NotFoundFailure {
    const company = this.#companies.findBy("companyId", companyId);
    return company ? this.deleteCompany(company.id) : notFound("company", "companyId", companyId);
  }

  /**
   * Creates a contact (a `customer`), or updates the one matching `userId`, else `email`. Each field sent
   * replaces the stored one; each of `companies` is upserted by its external id and attached (additively).
   */
  upsertContact(input: UpsertContactInput): { contact: Contact; created: boolean } {
    const existing =
      (input.userId !== undefined ? this.#contacts.findBy("userId", input.userId) : undefined) ??
      (input.email !== undefined ? this.#contacts.findBy("email", input.email) : undefined);
    const stored: StoredContact = existing
      ? { ...existing }
      : {
          object: "contact",
          id: this.#freshId(),
          name: input.name ?? input.email ?? input.userId ?? "",
          type: "customer",
          companyIds: [],
          blocked: false,
        };
    if (input.userId !== undefined) stored.userId = input.userId;
    if (input.email !== undefined) stored.email = input.email;
    for (const field of CONTACT_FIELDS) {
      if (input[field] !== undefined) Object.assign(stored, { [field]: input[field] });
    }
    for (const company of input.companies ?? []) {
      const { id: companyId, ...fields } = company;
      const { company: linked } = this.upsertCompany({ companyId, ...fields });
      if (!stored.companyIds.includes(linked.id)) stored.companyIds = [...stored.companyIds, linked.id];
    }
    this.#contacts.set(stored.id, stored);
    return { contact: this.#contactView(stored), created: !existing };
  }

  getContact(id: string): Contact | NotFoundFailure {
    const contact = this.#contacts.get(id);
    return contact ? this.#contactView(contact) : notFound("contact", "id", id);
  }

  /** Contacts of one type (`customer` by default), or of both with `all`. */
  listContacts(request: PageRequest & { contactType?: ContactType | "all" }): FeaturebasePage<Contact> | InvalidCursorFailure {
    const type = request.contactType ?? "customer";
    return this.#page(
      this.#contacts,
      request,
      (c) => type === "all" || c.type === type,
      (c) => this.#contactView(c),
    );
  }

  /** Deletes the contact and its email preferences. */
  deleteContact(id: string): { id: string } | NotFoundFailure {
    this.#preferences.delete(id);
    return this.#contacts.delete(id) ? { id } : notFound("contact", "id", id);
  }

  /** The customer with this external `userId`; a lead with it is not found, as Featurebase documents. */
  getContactByUserId(userId: string): Contact | NotFoundFailure {
    const contact = this.#customerByUserId(userId);
    return contact ? this.#contactView(contact) : notFound("contact", "userId", userId);
  }

  /** Deletes the contact with this `userId`; a lead cannot be deleted this way. */
  deleteContactByUserId(userId: string): { id: string } | NotFoundFailure | NotCustomerFailure {
    const contact = this.#contacts.findBy("userId", userId);
    if (!contact) return notFound("contact", "userId", userId);
    if (contact.type !== "customer") return { failure: "notCustomer", contactId: contact.id };
    return this.deleteContact(contact.id);
  }

  /** A customer's email preferences; a lead has none (`notCustomer`). */
  getContactEmailPreferences(id: string): ContactEmailPreferences | NotFoundFailure | NotCustomerFailure {
    return this.updateContactEmailPreferences(id, {});
  }

  /** Stores the preferences sent; the others keep their value. Returns all of them. */
  updateContactEmailPreferences(id: string, changes: PreferenceChanges): ContactEmailPreferences | NotFoundFailure | NotCustomerFailure {
    const contact = this.#contacts.get(id);
    if (!contact) return notFound("contact", "id", id);
    if (contact.type !== "customer") return { failure: "notCustomer", contactId: id };
    return this.#storePreferences(contact, changes);
  }

  getContactEmailPreferencesByUserId(userId: string): ContactEmailPreferences | NotFoundFailure {
    return this.updateContactEmailPreferencesByUserId(userId, {});
  }

  /** As by id, for the customer with this `userId` (a lead with it is not found). */
  updateContactEmailPreferencesByUserId(userId: string, changes: PreferenceChanges): ContactEmailPreferences | NotFoundFailure {
    const contact = this.#customerByUserId(userId);
    return contact ? this.#storePreferences(contact, changes) : notFound("contact", "userId", userId);
  }

  #storePreferences(contact: StoredContact, changes: PreferenceChanges): ContactEmailPreferences {
    const stored = applyPreferences(this.#preferences.get(contact.id), changes);
    if (Object.keys(changes).length > 0) this.#preferences.set(contact.id, stored);
    return preferencesView(contact, stored);
  }

  #customerByUserId(userId: string): StoredContact | undefined {
    return this.#contacts.findBy("userId", userId, (c) => c.type === "customer");
  }

  /** Blocking is recorded; what a blocked contact may no longer do is not simulated. */
  setContactBlocked(id: string, blocked: boolean): { id: string } | NotFoundFailure {
    const contact = this.#contacts.get(id);
    if (!contact) return notFound("contact", "id", id);
    this.#contacts.set(id, { ...contact, blocked });
    return { id };
  }

  isContactBlocked(id: string): boolean | undefined {
    return this.#contacts.get(id)?.blocked;
  }

  /** Adds the company to the contact's companies (additive; attaching twice changes nothing). */
  attachContact(companyId: string, contactId: string): Contact | NotFoundFailure {
    if (!this.#companies.has(companyId)) return notFound("company", "id", companyId);
    const contact = this.#contacts.get(contactId);
    if (!contact) return notFound("contact", "contactId", contactId);
    const attached = contact.companyIds.includes(companyId) ? contact : { ...contact, companyIds: [...contact.companyIds, companyId] };
    this.#contacts.set(contactId, attached);
    return this.#contactView(attached);
  }

  /** Removes the company from the contact's companies; a 400 when it was not attached. */
  detachContact(companyId: string, contactId: string): Contact | NotFoundFailure | NotAttachedFailure {
    if (!this.#companies.has(companyId)) return notFound("company", "id", companyId);
    const contact = this.#contacts.get(contactId);
    if (!contact) return notFound("contact", "contactId", contactId);
    if (!contact.companyIds.includes(companyId)) return { failure: "notAttached", companyId, contactId };
    const detached = { ...contact, companyIds: contact.companyIds.filter((c) => c !== companyId) };
    this.#contacts.set(contactId, detached);
    return this.#contactView(detached);
  }

  /** The company's contacts of type `customer` (leads never are listed), in the order they were created. */
  listCompanyContacts(companyId: string, request: PageRequest): FeaturebasePage<Contact> | NotFoundFailure | InvalidCursorFailure {
    if (!this.#companies.has(companyId)) return notFound("company", "id", companyId);
    return this.#page(
      this.#contacts,
      request,
      (c) => c.type === "customer" && c.companyIds.includes(companyId),
      (c) => this.#contactView(c),
    );
  }

  #page<Stored, View>(
    table: RecordTable<Stored>,
    request: PageRequest,
    filter: (value: Stored) => boolean,
    view: (value: Stored) => View,
  ): FeaturebasePage<View> | InvalidCursorFailure {
    const page: RecordPage<Stored> | undefined = table.page(request.limit ?? DEFAULT_LIMIT, request.cursor, filter);
    if (!page) return { failure: "invalidCursor", cursor: request.cursor ?? "" };
    return { object: "list", data: page.items.map(view), nextCursor: page.nextCursor };
  }

  #companyView(company: StoredCompany): Company {
    const linkedUsers = this.#contacts.allBy("companyId", company.id).filter((c) => c.type === "customer").length;
    return {
      object: "company",
      id: company.id,
      companyId: company.companyId,
      name: company.name,
      monthlySpend: company.monthlySpend ?? null,
      industry: company.industry ?? null,
      website: company.website ?? null,
      plan: company.plan ?? null,
      linkedUsers,
      companySize: company.companySize ?? null,
      lastActivity: company.lastActivity ?? null,
      customFields: company.customFields ?? {},
      createdAt: company.createdAt ?? null,
      updatedAt: company.updatedAt ?? null,
    };
  }

  #contactView(contact: StoredContact): Contact {
    const { companyIds, blocked: _blocked, ...fields } = contact;
    const companies = companyIds.flatMap((id) => {
      const company = this.#companies.get(id);
      return company ? [this.#companyView(company)] : [];
    });
    return { ...fields, companies };
  }

  #freshId(): string {
    let id = this.#newId();
    while (this.#companies.has(id) || this.#contacts.has(id)) id = this.#newId();
    return id;
  }
}

function notFound(kind: "company" | "contact", param: string, value: string): NotFoundFailure {
  return { failure: "notFound", kind, param, value };
}

export function isFailure<T>(value: T): value is Extract<T, FeaturebaseFailure> {
  return typeof value === "object" && value !== null && "failure" in value;
}

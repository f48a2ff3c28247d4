/**
 * emnify's rules for the token exchange and an organisation's contacts (https://docs.emnify.com/developers):
 * auth_tokens that expire, contacts with integer ids, a type fixed at creation, `purchase_order_number` only
 * on invoice contacts, and `page`/`per_page` pages. Returns the API's own shapes; knows nothing of HTTP.
 */
import type { components } from "../../../generated/emnify.js";
import { RecordTable } from "../record-table.js";
import { SessionTable, type TokenState } from "../session-table.js";

export type Contact = components["schemas"]["Contact"];
export type ContactCreate = components["schemas"]["ContactCreate"];
export type ContactCreated = components["schemas"]["ContactCreated"];
export type ContactUpdate = components["schemas"]["ContactUpdate"];

/**
 * The auth_token's lifetime: 240 minutes, as emnify's older authentication page states
 * (https://docs.emnify.com/rest/authentication); the current pages give none.
 */
export const DEFAULT_TOKEN_TTL_MS = 240 * 60_000;

/** The invoice-address type, the only one that may carry a purchase order number. */
export const INVOICE_TYPE = 6;

/**
 * The six types the docs name, in the order they list them. Only 1 (Commercial, in the docs' list example) and
 * 6 (Invoice address) are confirmed; ids 2-5 are assumed to follow that order, so they get no description.
 */
const TYPE_DESCRIPTIONS: Readonly<Record<number, string | undefined>> = { 1: "Commercial", 6: "Invoice address" };
const TYPE_IDS = [1, 2, 3, 4, 5, 6];

/** `per_page` when none is sent, and the most a page holds: both undocumented [assumed]. */
export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 1000;

export type NotFoundFailure = { failure: "notFound"; contactId: number };
/** `purchase_order_number` on a contact that is not an invoice contact (emnify's 409 NotAllowed). */
export type NotAllowedFailure = { failure: "notAllowed"; message: string };
/** A `type` id that is not one of the six contact types (emnify's 422 InvalidReference). */
export type InvalidReferenceFailure = { failure: "invalidReference"; message: string };
export type EmnifyFailure = NotFoundFailure | NotAllowedFailure | InvalidReferenceFailure;

/** A page of contacts and what the paging headers say about it. */
export interface ContactPage {
  contacts: Contact[];
  /** The page served: the one asked for, moved back into range as emnify does. */
  page: number;
  perPage: number;
  totalCount: number;
  totalPages: number;
}

type StoredContact = Contact & { id: number; organisation: { id: number } };

export class EmnifyStore {
  readonly #contacts = new RecordTable<StoredContact>();
  readonly #tokens: SessionTable;
  #lastId = 0;

  constructor(options: { now?: () => number; tokenTtlMs?: number } = {}) {
    this.#tokens = new SessionTable(options.now ?? (() => Date.now()), options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS);
  }

  /**
   * Exchanges an application token for an auth_token (a JWT that expires after the token lifetime). Any
   * application token is accepted: the sandbox keeps no list of them.
   */
  authenticate(_applicationToken: string): { auth_token: string } {
    return { auth_token: this.#tokens.issue({ iss: "crm-kit sandbox (emnify)", sub: "application-token" }) };
  }

  /** Whether an auth_token was issued here and has not expired. */
  checkToken(token: string | undefined): TokenState {
    return this.#tokens.check(token);
  }

  /** Adds a contact exactly as given (a seed record). */
  putContact(contact: Contact & { id: number }, organisationId: number): void {
    this.#contacts.set(String(contact.id), { ...contact, organisation: { ...contact.organisation, id: organisationId } });
    this.#lastId = Math.max(this.#lastId, contact.id);
  }

  /** Creates a contact of the organisation; its type is fixed from now on. */
  createContact(organisationId: number, input: ContactCreate): ContactCreated | NotAllowedFailure | InvalidReferenceFailure {
    const refused = this.#checkType(input.type.id) ?? this.#checkPurchaseOrder(input.type.id, input.purchase_order_number);
    if (refused) return refused;
    const { type, country } = input;
    const fields = knownFields(input);
    this.#lastId += 1;
    const contact: StoredContact = {
      id: this.#lastId,
      organisation: { id: organisationId },
      type: typeOf(type.id),
      ...fields,
      ...(country ? { country: { id: country.id } } : {}),
    };
    this.#contacts.set(String(contact.id), contact);
    return { ...structuredClone(contact), contact_id: String(contact.id) };
  }

  getContact(organisationId: number, contactId: number): Contact | NotFoundFailure {
    const contact = this.#find(organisationId, contactId);
    return contact ? structuredClone(contact) : { failure: "notFound", contactId };
  }

  /** A page of the organisation's contacts, oldest first. */
  listContacts(organisationId: number, request: { page?: number; per_page?: number }): ContactPage {
    const all = this.#contacts.values().filter((c) => c.organisation.id === organisationId);
    const perPage = Math.min(request.per_page ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
    const totalPages = Math.max(1, Math.ceil(all.length / perPage));
    const page = Math.min(request.page ?? 1, totalPages);
    const contacts = all.slice((page - 1) * perPage, page * perPage).map((c) => structuredClone(c));
    return { contacts, page, perPage, totalCount: all.length, totalPages };
  }

  /** Changes only the fields sent; the type and ids stay. */
  updateContact(organisationId: number, contactId: number, input: ContactUpdate): Contact | NotFoundFailure | NotAllowedFailure {
    const contact = this.#find(organisationId, contactId);
    if (!contact) return { failure: "notFound", contactId };
    const refused = this.#checkPurchaseOrder(contact.type?.id, input.purchase_order_number);
    if (refused) return refused;
    const { country } = input;
    const updated: StoredContact = { ...contact, ...knownFields(input), ...(country ? { country: { id: country.id } } : {}) };
    this.#contacts.set(String(contactId), updated);
    return structuredClone(updated);
  }

  deleteContact(organisationId: number, contactId: number): { id: number } | NotFoundFailure {
    if (!this.#find(organisationId, contactId)) return { failure: "notFound", contactId };
    this.#contacts.delete(String(contactId));
    return { id: contactId };
  }

  #find(organisationId: number, contactId: number): StoredContact | undefined {
    const contact = this.#contacts.get(String(contactId));
    return contact?.organisation.id === organisationId ? contact : undefined;
  }

  #checkType(typeId: number): InvalidReferenceFailure | undefined {
    return TYPE_IDS.includes(typeId) ? undefined : { failure: "invalidReference", message: `ContactType with id ${typeId} not found` };
  }

  /** "Can only be set for invoice contacts": which error emnify answers is undocumented; modelled as 409 NotAllowed. */
  #checkPurchaseOrder(typeId: number | undefined, purchaseOrderNumber: string | undefined): NotAllowedFailure | undefined {
    if (purchaseOrderNumber === undefined || typeId === INVOICE_TYPE) return undefined;
    return { failure: "notAllowed", message: `purchase_order_number can only be set on invoice contacts (type ${INVOICE_TYPE})` };
  }
}

/**
 * The contact's own text fields the docs list. A field they do not list (an `organisation`, a made-up one) is
 * ignored, not stored: the organisation comes from the path, and emnify keeps only the fields it documents [assumed].
 */
const TEXT_FIELDS = [
  "name",
  "title",
  "department",
  "street",
  "zipcode",
  "city",
  "email",
  "phone",
  "mobile",
  "state",
  "secondary_address",
  "purchase_order_number",
] as const satisfies ReadonlyArray<keyof ContactCreate & keyof ContactUpdate>;

function knownFields(input: ContactCreate | ContactUpdate): Partial<Pick<Contact, (typeof TEXT_FIELDS)[number]>> {
  const fields: Partial<Record<(typeof TEXT_FIELDS)[number], string>> = {};
  for (const name of TEXT_FIELDS) {
    const value = Object.hasOwn(input, name) ? input[name] : undefined;
    if (typeof value === "string") fields[name] = value;
  }
  return fields;
}

function typeOf(id: number): NonNullable<Contact["type"]> {
  const description = TYPE_DESCRIPTIONS[id];
  return description ? { id, description } : { id };
}

export function isFailure<T>(value: T): value is Extract<T, EmnifyFailure> {
  return typeof value === "object" && value !== null && "failure" in value;
}

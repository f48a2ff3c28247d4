/**
 * Kare's rules for login, companies and their contacts (https://api-documentation.kare-app.fr): sessions that
 * expire, numbered pages with `totalCount`, contacts created from an array and counted, and a PATCH that
 * changes only the fields sent. Returns the API's own shapes; knows nothing of HTTP.
 */
import type { components } from "../../../generated/kare.js";
import { issueJwt } from "../jwt.js";
import { RecordTable } from "../record-table.js";
import { SessionTable, type TokenState } from "../session-table.js";

export type Company = components["schemas"]["Company"];
export type Contact = components["schemas"]["Contact"];
export type ContactCreate = components["schemas"]["ContactCreate"];
export type ContactUpdate = components["schemas"]["ContactUpdate"];
export type CompanyCreate = components["schemas"]["CompanyCreate"];
export type CreatedCompany = components["schemas"]["CreatedCompany"];
export type LoginTokens = components["schemas"]["LoginTokens"]["data"];
type Actions = components["schemas"]["Actions"];
type ContactCompany = components["schemas"]["ContactCompany"];
type CompanyLabel = components["schemas"]["CompanyLabel"];
type TechnicalInstallation = components["schemas"]["TechnicalInstallation"];

/**
 * A session's lifetime. Kare documents none; the sessionToken of its login example carries `iat` 1605097899
 * and `exp` 1605184299, 24 hours apart, so that is the default [inferred].
 */
export const DEFAULT_SESSION_TTL_MS = 24 * 60 * 60_000;

/** `pageSize` when none is sent: the docs' examples show 50; the default and any maximum are undocumented. */
export const DEFAULT_PAGE_SIZE = 50;

/** What `extend` embeds in each contact. */
export type Extend = "company" | "actions-info";

export type NotFoundFailure = { failure: "notFound"; kind: "company" | "contact"; id: number };
/** A create that names a label or installation the organization does not have (the sandbox's rule [assumed]). */
export type UnknownReferenceFailure = { failure: "unknownReference"; field: "labelIds" | "technicalInstallationIds"; id: number };

/** The organization every sandbox company belongs to: Kare's examples show `organizationId` 1. */
export const SANDBOX_ORGANIZATION_ID = 1;

export interface Page<T> {
  data: T[];
  totalCount: number;
  pagination: { page: number; pageSize: number };
}

/**
 * A stored company: the API's company without its contacts (read from the contacts) and `updatableFields`
 * (shown on a read), with its creation and update times.
 */
type StoredCompany = Omit<Company, "contacts" | "updatableFields"> & { createdAt: string; updatedAt: string };
/** A stored contact: the API's contact without the embedded company, with what `extend=actions-info` shows. */
type StoredContact = Omit<Contact, "company" | "actions"> & { actions: Actions };

/** What a new contact may do, as the docs' example shows it. */
const NEW_CONTACT_ACTIONS: Actions = { canBeUpdated: true, canBeDeleted: true };
/** What a new company may do, and which of its fields may change: all of them, as the get-a-company example shows. */
const NEW_COMPANY_ACTIONS: Actions = { canBeUpdated: true, canBeDeleted: true };
const COMPANY_UPDATABLE_FIELDS = [
  "name",
  "type",
  "location",
  "comment",
  "email",
  "phones",
  "establishmentIds",
  "labelIds",
  "technicalInstallationIds",
];

export class KareStore {
  readonly #companies = new RecordTable<StoredCompany>();
  readonly #contacts = new RecordTable<StoredContact>();
  // The organization's labels and installations, as the seed companies show them: what a create may reference.
  readonly #labels = new Map<number, CompanyLabel>();
  readonly #installations = new Map<number, TechnicalInstallation>();
  #lastCompanyId = 0;
  readonly #sessions: SessionTable;
  readonly #now: () => number;
  #lastContactId = 0;

  constructor(options: { now?: () => number; sessionTtlMs?: number } = {}) {
    this.#now = options.now ?? (() => Date.now());
    this.#sessions = new SessionTable(this.#now, options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS);
  }

  /**
   * Logs a user in: the three tokens Kare documents, as JWTs. Only the sessionToken is checked later (it
   * expires after the session lifetime); any email and password are accepted.
   */
  login(credentials: { email: string }): LoginTokens {
    const claims = { iss: "crm-kit sandbox (kare)", sub: credentials.email, iat: Math.floor(this.#now() / 1000) };
    return {
      // Issued, never checked: which token Kare wants in Authorization after login is undocumented.
      accessToken: issueJwt({ ...claims, type: "access" }),
      refreshToken: issueJwt({ ...claims, type: "refresh" }),
      sessionToken: this.#sessions.issue({ ...claims, type: "session" }),
    };
  }

  /** Whether a token was issued here and its session has not expired. */
  checkSession(token: string | undefined): TokenState {
    return this.#sessions.check(token);
  }

  /** Adds a company exactly as given (a seed record); its embedded contacts are read from the contacts instead. */
  putCompany(company: Company, createdAt: string): void {
    const { contacts: _listed, updatableFields: _shown, ...stored } = company;
    this.#companies.set(String(company.id), { ...stored, createdAt, updatedAt: createdAt });
    for (const label of company.labels) this.#labels.set(label.id, label);
    for (const installation of company.technicalInstallations) this.#installations.set(installation.id, installation);
    this.#lastCompanyId = Math.max(this.#lastCompanyId, company.id);
  }

  /** Adds a contact exactly as given (a seed record); its company must already be stored. */
  putContact(contact: Contact): void {
    const { company: _embedded, actions = NEW_CONTACT_ACTIONS, ...stored } = contact;
    this.#contacts.set(String(contact.id), { ...stored, actions });
    this.#lastContactId = Math.max(this.#lastContactId, contact.id);
  }

  listCompanies(request: { page?: number; pageSize?: number }): Page<Company> {
    return pageOf(this.#companies.values(), request, (company) => this.#companyView(company));
  }

  /** One company as the read shows it: its contacts and which of its fields may change. */
  getCompany(companyId: number): Company | NotFoundFailure {
    const company = this.#companies.get(String(companyId));
    if (!company) return notFound("company", companyId);
    return { ...this.#companyView(company), updatableFields: Object.fromEntries(COMPANY_UPDATABLE_FIELDS.map((field) => [field, true])) };
  }

  /**
   * Creates a company with no contacts and answers the stored record, as Kare's create example does. Labels and
   * installations are referenced by ID and must be the organization's (those of the seed companies).
   */
  createCompany(input: CompanyCreate): CreatedCompany | UnknownReferenceFailure {
    const labels = resolve(input.labelIds ?? [], this.#labels, "labelIds");
    if (isFailure(labels)) return labels;
    const installations = resolve(input.technicalInstallationIds ?? [], this.#installations, "technicalInstallationIds");
    if (isFailure(installations)) return installations;
    const at = new Date(this.#now()).toISOString();
    this.#lastCompanyId += 1;
    const company: StoredCompany = {
      id: this.#lastCompanyId,
      name: input.name,
      comment: input.comment ?? null,
      location: input.location ?? null,
      type: input.type,
      archivedAt: null,
      email: input.email,
      phones: [...(input.phones ?? [])],
      primaryContactId: null,
      technicalInstallations: structuredClone(installations),
      labels: structuredClone(labels),
      actions: { ...NEW_COMPANY_ACTIONS },
      establishmentIds: [...(input.establishmentIds ?? [])],
      createdAt: at,
      updatedAt: at,
    };
    this.#companies.set(String(company.id), company);
    const { id, name, type, location, comment, archivedAt, updatedAt, createdAt } = company;
    return { id, name, type, location, comment, organizationId: SANDBOX_ORGANIZATION_ID, archivedAt, updatedAt, createdAt };
  }

  /** A page of the company's contacts, oldest first, with what `extend` asks for embedded. */
  listContacts(companyId: number, request: { page?: number; pageSize?: number; extend?: Extend[] }): Page<Contact> | NotFoundFailure {
    const company = this.#companies.get(String(companyId));
    if (!company) return notFound("company", companyId);
    const extend = new Set(request.extend ?? []);
    return pageOf(this.#contactsOf(companyId), request, (contact) => this.#contactView(contact, company, extend));
  }

  /** Inserts every contact of the array into the company; answers how many were inserted. */
  createContacts(companyId: number, inputs: ContactCreate[]): { nbInsertion: number } | NotFoundFailure {
    if (!this.#companies.has(String(companyId))) return notFound("company", companyId);
    const at = new Date(this.#now()).toISOString();
    for (const input of inputs) {
      this.#lastContactId += 1;
      this.#contacts.set(String(this.#lastContactId), {
        id: this.#lastContactId,
        name: input.name,
        email: input.email ?? null,
        phones: input.phones ?? [],
        comment: input.comment ?? null,
        companyId,
        notifyAt: input.notify ? at : null,
        createdAt: at,
        updatedAt: at,
        actions: NEW_CONTACT_ACTIONS,
      });
    }
    return { nbInsertion: inputs.length };
  }

  /**
   * Changes the fields sent and leaves the others. Only the fields Kare's docs list are applied: the contact's
   * id and company come from the path, and a field the docs do not list is ignored, not stored [assumed]. `notify` is required: true keeps or sets `notifyAt`, false
   * clears it (what `notify` does to `notifyAt` is inferred from the names; Kare does not document it).
   */
  updateContact(companyId: number, contactId: number, input: ContactUpdate): Contact | NotFoundFailure {
    const company = this.#companies.get(String(companyId));
    if (!company) return notFound("company", companyId);
    const contact = this.#contacts.get(String(contactId));
    if (contact?.companyId !== companyId) return notFound("contact", contactId);
    const at = new Date(this.#now()).toISOString();
    const fields = pickDefined(input, CONTACT_UPDATABLE_FIELDS);
    const updated: StoredContact = { ...contact, ...fields, notifyAt: input.notify ? (contact.notifyAt ?? at) : null, updatedAt: at };
    this.#contacts.set(String(contactId), updated);
    return this.#contactView(updated, company, new Set());
  }

  #contactsOf(companyId: number): StoredContact[] {
    return this.#contacts.values().filter((contact) => contact.companyId === companyId);
  }

  #companyView(company: StoredCompany): Company {
    const { createdAt: _created, updatedAt: _updated, ...fields } = company;
    const contacts = this.#contactsOf(company.id).map(({ id, name, email, phones, comment, notifyAt }) => ({
      id,
      name,
      email,
      phones: [...phones],
      comment,
      notifyAt,
    }));
    return { ...structuredClone(fields), contacts };
  }

  #contactView(contact: StoredContact, company: StoredCompany, extend: ReadonlySet<Extend>): Contact {
    const { actions, ...fields } = contact;
    const embedded: ContactCompany = {
      id: company.id,
      name: company.name,
      type: company.type,
      location: company.location,
      archivedAt: company.archivedAt,
      createdAt: company.createdAt,
    };
    return {
      ...structuredClone(fields),
      ...(extend.has("company") ? { company: embedded } : {}),
      ...(extend.has("actions-info") ? { actions: { ...actions } } : {}),
    };
  }
}

/** The fields of a contact a PATCH may change (Kare's ContactUpdate, without `notify`, which sets `notifyAt`). */
const CONTACT_UPDATABLE_FIELDS = ["name", "email", "phones", "comment"] as const satisfies ReadonlyArray<keyof ContactUpdate>;

/** The named fields that `input` has, and no other. */
function pickDefined<T extends object, K extends keyof T>(input: T, names: readonly K[]): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const name of names) if (Object.hasOwn(input, name) && input[name] !== undefined) picked[name] = input[name];
  return picked;
}

/** Page `page` (from 1) of `pageSize` records; a page past the end is empty. */
function pageOf<Stored, View>(
  records: Stored[],
  request: { page?: number; pageSize?: number },
  view: (record: Stored) => View,
): Page<View> {
  const page = request.page ?? 1;
  const pageSize = request.pageSize ?? DEFAULT_PAGE_SIZE;
  const data = records.slice((page - 1) * pageSize, page * pageSize).map(view);
  return { data, totalCount: records.length, pagination: { page, pageSize } };
}

function resolve<T>(ids: number[], known: ReadonlyMap<number, T>, field: UnknownReferenceFailure["field"]): T[] | UnknownReferenceFailure {
  const unknown = ids.find((id) => !known.has(id));
  if (unknown !== undefined) return { failure: "unknownReference", field, id: unknown };
  return ids.map((id) => known.get(id) as T);
}

function notFound(kind: "company" | "contact", id: number): NotFoundFailure {
  return { failure: "notFound", kind, id };
}

export function isFailure<T>(value: T): value is Extract<T, NotFoundFailure | UnknownReferenceFailure> {
  return typeof value === "object" && value !== null && "failure" in value;
}

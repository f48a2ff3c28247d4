/**
 * folk's rules for companies, people and groups (https://developer.folk.app/api-reference): `com_`/`per_`
 * ids, unique company names, PATCH that changes only the fields sent (lists replace), people linked to
 * companies (by id, or by name, creating the company), filters and cursor pages. Knows nothing of HTTP.
 */
import { RecordTable } from "../record-table.js";
import { applyCustomFieldValues, type ReferenceResolver } from "./custom-fields.js";
import { compileFilter } from "./filters.js";
import {
  type Combinator,
  type Company,
  type CreateCompanyInput,
  type CreatePersonInput,
  type Filter,
  type FolkFailure,
  type Group,
  type InvalidFailure,
  invalid,
  isFailure,
  type NotFoundFailure,
  type Person,
  type UpdateCompanyInput,
  type UpdatePersonInput,
  type User,
} from "./model.js";

/** A stored person: the API's person, with companies by id (their names are read from the companies). */
type StoredPerson = Omit<Person, "companies"> & { companyIds: string[] };

export interface ListRequest {
  limit?: number;
  cursor?: string;
  filter?: Filter;
  combinator?: Combinator;
}

export interface FolkPage<T> {
  items: T[];
  /** The cursor of the next page; undefined on the last. */
  nextCursor: string | undefined;
}

const DEFAULT_LIMIT = 20;
const COMPANY_ATTRIBUTES = [
  "name",
  "description",
  "industry",
  "employeeRange",
  "fundingRaised",
  "lastFundingDate",
  "foundationYear",
  "groups",
  "addresses",
  "emails",
  "phones",
  "urls",
  "createdAt",
  "customFieldValues",
];
const PERSON_ATTRIBUTES = [
  "firstName",
  "lastName",
  "fullName",
  "description",
  "birthday",
  "jobTitle",
  "groups",
  "companies",
  "addresses",
  "emails",
  "phones",
  "urls",
  "createdAt",
  "customFieldValues",
];

/** The user the sandbox's API key belongs to: what `createdBy` says of records created through it. */
export const SANDBOX_USER: User = {
  id: "usr_00000000-0000-4000-8000-000000000000",
  fullName: "Sandbox User",
  email: "sandbox@crm-kit.invalid",
};

export class FolkStore {
  readonly #companies = new RecordTable<Company>();
  readonly #people = new RecordTable<StoredPerson>();
  readonly #groups = new RecordTable<Group>();
  readonly #users = new RecordTable<User>();
  readonly #now: () => Date;
  readonly #newUuid: () => string;
  #apiUser: User = SANDBOX_USER;

  constructor(options: { now?: () => Date; newUuid?: () => string } = {}) {
    this.#now = options.now ?? (() => new Date());
    this.#newUuid = options.newUuid ?? (() => crypto.randomUUID());
  }

  // Seeding: records exactly as given.
  putGroup(group: Group): void {
    this.#groups.set(group.id, group);
  }
  putUser(user: User, { isApiUser = false } = {}): void {
    this.#users.set(user.id, user);
    if (isApiUser) this.#apiUser = user;
  }
  putCompany(company: Company): void {
    this.#companies.set(company.id, company);
  }
  putPerson(person: Person): void {
    const { companies, ...rest } = person;
    this.#people.set(person.id, { ...rest, companyIds: companies.map((c) => c.id).filter((id) => this.#companies.has(id)) });
  }

  listGroups(request: ListRequest): FolkPage<Group> | InvalidFailure {
    return this.#page(
      this.#groups,
      request,
      () => true,
      (g) => g,
    );
  }

  createCompany(input: CreateCompanyInput): Company | InvalidFailure {
    const clash = this.#companyNamed(input.name);
    if (clash)
      return invalid(`name: a company named ${JSON.stringify(input.name)} already exists (${clash.id}); company names are unique`, [
        "name",
      ]);
    const blank: Company = {
      id: `com_${this.#newUuid()}`,
      name: input.name,
      description: "",
      groups: [],
      addresses: [],
      emails: [],
      phones: [],
      urls: [],
      createdAt: this.#now().toISOString(),
      createdBy: this.#apiUser,
      customFieldValues: {},
    };
    const company = this.#applyCompanyFields(blank, input);
    if (isFailure(company)) return company;
    this.#companies.set(company.id, company);
    return company;
  }

  getCompany(id: string): Company | NotFoundFailure {
    return this.#companies.get(id) ?? notFound("company", id);
  }

  /** Changes only the fields sent; lists replace; leaving a group drops its custom field values. */
  updateCompany(id: string, input: UpdateCompanyInput): Company | FolkFailure {
    const existing = this.#companies.get(id);
    if (!existing) return notFound("company", id);
    if (input.name !== undefined) {
      const clash = this.#companyNamed(input.name);
      if (clash && clash.id !== id)
        return invalid(`name: another company (${clash.id}) is named ${JSON.stringify(input.name)}; company names are unique`, ["name"]);
    }
    const company = this.#applyCompanyFields(existing, input);
    if (isFailure(company)) return company;
    this.#companies.set(id, company);
    return company;
  }

  /** Deletes the company and unlinks it from every person. */
  deleteCompany(id: string): { id: string } | NotFoundFailure {
    if (!this.#companies.delete(id)) return notFound("company", id);
    for (const person of this.#people.values()) {
      if (person.companyIds.includes(id)) this.#people.set(person.id, { ...person, companyIds: person.companyIds.filter((c) => c !== id) });
    }
    return { id };
  }

  listCompanies(request: ListRequest): FolkPage<Company> | InvalidFailure {
    const filter = compileFilter(request.filter, request.combinator, COMPANY_ATTRIBUTES);
    return isFailure(filter) ? filter : this.#page(this.#companies, request, filter, (c) => c);
  }

  createPerson(input: CreatePersonInput): Person | InvalidFailure {
    const blank: StoredPerson = {
      id: `per_${this.#newUuid()}`,
      firstName: "",
      lastName: "",
      fullName: "",
      description: "",
      birthday: null,
      jobTitle: "",
      createdAt: this.#now().toISOString(),
      createdBy: this.#apiUser,
      groups: [],
      companyIds: [],
      addresses: [],
      emails: [],
      phones: [],
      urls: [],
      customFieldValues: {},
      interactionMetadata: {
        user: { approximateCount: 0, lastInteractedAt: null },
        workspace: { approximateCount: 0, lastInteractedAt: null, lastInteractedBy: [] },
      },
    };
    const person = this.#applyPersonFields(blank, input);
    if (isFailure(person)) return person;
    this.#people.set(person.id, person);
    return this.#personView(person);
  }

  getPerson(id: string): Person | NotFoundFailure {
    const person = this.#people.get(id);
    return person ? this.#personView(person) : notFound("person", id);
  }

  /** Changes only the fields sent; lists (`companies` too) replace. */
  updatePerson(id: string, input: UpdatePersonInput): Person | FolkFailure {
    const existing = this.#people.get(id);
    if (!existing) return notFound("person", id);
    const person = this.#applyPersonFields(existing, input);
    if (isFailure(person)) return person;
    this.#people.set(id, person);
    return this.#personView(person);
  }

  deletePerson(id: string): { id: string } | NotFoundFailure {
    return this.#people.delete(id) ? { id } : notFound("person", id);
  }

  /** People, filtered: `filter[companies][in][id]=com_…` lists a company's people. */
  listPeople(request: ListRequest): FolkPage<Person> | InvalidFailure {
    const filter = compileFilter(request.filter, request.combinator, PERSON_ATTRIBUTES);
    if (isFailure(filter)) return filter;
    return this.#page(
      this.#people,
      request,
      (p) => filter(this.#personView(p)),
      (p) => this.#personView(p),
    );
  }

  #applyCompanyFields(company: Company, input: UpdateCompanyInput): Company | InvalidFailure {
    const { groups, customFieldValues, fundingRaised, foundationYear, ...scalars } = input;
    const next: Company = { ...company, ...scalars };
    if (fundingRaised !== undefined) next.fundingRaised = fundingRaised === null ? null : String(fundingRaised);
    if (foundationYear !== undefined) next.foundationYear = foundationYear === null ? null : String(foundationYear);
    return this.#applyGroups(next, groups, customFieldValues);
  }

  /** Groups sent replace the record's; custom field values apply within the groups it is then in. */
  #applyGroups<T extends Pick<Company, "groups" | "customFieldValues">>(
    record: T,
    groups: UpdateCompanyInput["groups"],
    customFieldValues: UpdateCompanyInput["customFieldValues"],
  ): T | InvalidFailure {
    const next = { ...record };
    if (groups !== undefined) {
      const resolved = this.#groupsOf(groups);
      if (isFailure(resolved)) return resolved;
      next.groups = resolved;
    }
    const now = next.groups.map((g) => g.id);
    const left = record.groups.map((g) => g.id).filter((id) => !now.includes(id));
    const values = applyCustomFieldValues(record.customFieldValues, customFieldValues, { now, left }, this.#resolver());
    if (isFailure(values)) return values;
    next.customFieldValues = values;
    return next;
  }

  #applyPersonFields(person: StoredPerson, input: UpdatePersonInput): StoredPerson | InvalidFailure {
    const { groups, companies, customFieldValues, firstName, lastName, fullName, ...scalars } = input;
    const next = this.#applyGroups(
      { ...person, ...scalars, ...names(person, { firstName, lastName, fullName }) },
      groups,
      customFieldValues,
    );
    if (isFailure(next)) return next;
    if (companies !== undefined) {
      const ids: string[] = [];
      for (const [index, reference] of companies.entries()) {
        if ("id" in reference) {
          if (!this.#companies.has(reference.id))
            return invalid(`companies.${index}.id: no company ${reference.id}`, ["companies", index, "id"]);
          ids.push(reference.id);
        } else {
          // A company given by name is created when the workspace has none of that name.
          const company = this.#companyNamed(reference.name) ?? this.createCompany({ name: reference.name });
          if (isFailure(company)) return company;
          ids.push(company.id);
        }
      }
      next.companyIds = [...new Set(ids)];
    }
    return next;
  }

  #groupsOf(references: Array<{ id: string }>): Group[] | InvalidFailure {
    const groups: Group[] = [];
    for (const [index, { id }] of references.entries()) {
      const group = this.#groups.get(id);
      if (!group) return invalid(`groups.${index}.id: no group ${id} in the workspace`, ["groups", index, "id"]);
      if (!groups.some((g) => g.id === id)) groups.push(group);
    }
    return groups;
  }

  #resolver(): ReferenceResolver {
    return {
      byId: (id) => {
        const person = this.#people.get(id);
        if (person) return { id, fullName: person.fullName, entityType: "person" };
        const company = this.#companies.get(id);
        if (company) return { id, fullName: company.name, entityType: "company" };
        return this.#users.get(id);
      },
      byEmail: (email) => this.#users.find((u) => u.email.toLowerCase() === email.toLowerCase()),
    };
  }

  #personView(person: StoredPerson): Person {
    const { companyIds, ...fields } = person;
    const companies = companyIds.flatMap((id) => {
      const company = this.#companies.get(id);
      return company ? [{ id, name: company.name }] : [];
    });
    return { ...fields, companies };
  }

  #companyNamed(name: string): Company | undefined {
    return this.#companies.find((c) => c.name.toLowerCase() === name.toLowerCase());
  }

  #page<Stored, View>(
    table: RecordTable<Stored>,
    request: ListRequest,
    filter: (value: Stored) => boolean,
    view: (value: Stored) => View,
  ): FolkPage<View> | InvalidFailure {
    const page = table.page(request.limit ?? DEFAULT_LIMIT, request.cursor, filter);
    if (!page) return invalid(`cursor: ${JSON.stringify(request.cursor)} is not a cursor from a previous page`, ["cursor"]);
    return { items: page.items.map(view), nextCursor: page.nextCursor ?? undefined };
  }
}

/** folk keeps `fullName` and `firstName`/`lastName` in step: whichever is sent sets the other. */
function names(current: { firstName: string; lastName: string }, sent: { firstName?: string; lastName?: string; fullName?: string }) {
  if (sent.firstName === undefined && sent.lastName === undefined && sent.fullName !== undefined) {
    const [first = "", ...rest] = sent.fullName.trim().split(/\s+/);
    return { firstName: first, lastName: rest.join(" "), fullName: sent.fullName.trim() };
  }
  if (sent.firstName === undefined && sent.lastName === undefined) return {};
  const firstName = sent.firstName ?? current.firstName;
  const lastName = sent.lastName ?? current.lastName;
  return { firstName, lastName, fullName: sent.fullName ?? `${firstName} ${lastName}`.trim() };
}

function notFound(kind: "company" | "person", id: string): NotFoundFailure {
  return { failure: "notFound", kind, id };
}

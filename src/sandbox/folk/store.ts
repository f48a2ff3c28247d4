/**
 * folk's rules for companies, people and groups (https://developer.folk.app/api-reference): `com_`/`per_`
 * ids, unique company names, PATCH that changes only the fields sent (lists replace), people linked to
 * companies (by id, or by name, creating the company), interactions counted on people, filters and cursor
 * pages. Users, notes, reminders, webhooks, deals and group fields have their own stores, reached from this one.
 * Knows nothing of HTTP.
 */
import { RecordTable } from "../record-table.js";
import { blankCompany, COMPANY_ATTRIBUTES } from "./companies.js";
import { applyCustomFieldValues, type ReferenceResolver } from "./custom-fields.js";
import { DealStore } from "./deals.js";
import { compileFilter } from "./filters.js";
import { GroupFieldStore } from "./group-fields.js";
import {
  type Combinator,
  type Company,
  type CreateCompanyInput,
  type CreateInteractionInput,
  type CreatePersonInput,
  entityNotFound,
  type Filter,
  type FolkDirectory,
  type FolkFailure,
  type Group,
  type GroupCustomField,
  type Interaction,
  type InvalidFailure,
  invalid,
  isFailure,
  type LinkedEntity,
  type NotFoundFailure,
  notFound,
  type Person,
  type UpdateCompanyInput,
  type UpdatePersonInput,
} from "./model.js";
import { NoteStore } from "./notes.js";
import { type FolkPage, type PageRequest, pageOf } from "./paging.js";
import { blankPerson, PERSON_ATTRIBUTES, personNames, withInteraction } from "./people.js";
import { ReminderStore } from "./reminders.js";
import { UserStore } from "./users.js";
import { WebhookStore } from "./webhooks.js";

export type { FolkPage } from "./paging.js";
export { SANDBOX_USER } from "./users.js";

/** A stored person: the API's person, with companies by id (their names are read from the companies). */
type StoredPerson = Omit<Person, "companies"> & { companyIds: string[] };

export interface ListRequest extends PageRequest {
  filter?: Filter;
  combinator?: Combinator;
}

export class FolkStore {
  // Company names are unique without regard to case: the index makes that check constant-time.
  readonly #companies = new RecordTable<Company, "name">({ name: (c) => (c.name ? c.name.toLowerCase() : undefined) });
  // A company's people, for unlinking them when it is deleted.
  readonly #people = new RecordTable<StoredPerson, "companyId">({ companyId: (p) => p.companyIds });
  readonly #groups = new RecordTable<Group>();
  readonly #now: () => Date;
  readonly #newUuid: () => string;
  readonly #groupFields = new GroupFieldStore();
  readonly users = new UserStore();
  readonly notes: NoteStore;
  readonly reminders: ReminderStore;
  readonly webhooks: WebhookStore;
  readonly deals: DealStore;

  constructor(options: { now?: () => Date; newUuid?: () => string } = {}) {
    this.#now = options.now ?? (() => new Date());
    this.#newUuid = options.newUuid ?? (() => crypto.randomUUID());
    const directory: FolkDirectory = {
      now: () => this.#now(),
      newId: (prefix) => `${prefix}_${this.#newUuid()}`,
      apiUser: () => this.users.getCurrentUser(),
      entity: (id) => this.#entity(id),
      user: (reference) => this.users.find(reference),
    };
    this.notes = new NoteStore(directory);
    this.reminders = new ReminderStore(directory);
    this.webhooks = new WebhookStore(directory);
    this.deals = new DealStore(directory, this.#resolver(), ({ groupId, objectType }) => {
      if (!this.#groups.has(groupId)) return notFound("group", groupId);
      return this.#groupFields.objectTypes(groupId).includes(objectType)
        ? undefined
        : notFound("objectType", objectType, `group ${groupId}`);
    });
  }

  // Seeding: records exactly as given.
  putGroup(group: Group): void {
    this.#groups.set(group.id, group);
  }
  putCompany(company: Company): void {
    this.#companies.set(company.id, company);
  }
  putPerson(person: Person): void {
    const { companies, ...rest } = person;
    this.#people.set(person.id, { ...rest, companyIds: companies.map((c) => c.id).filter((id) => this.#companies.has(id)) });
  }

  putGroupFields(groupId: string, entityType: string, fields: GroupCustomField[]): void {
    this.#groupFields.putFields(groupId, entityType, fields);
  }

  listGroups(request: PageRequest): FolkPage<Group> | InvalidFailure {
    return pageOf(this.#groups, request);
  }

  listGroupCustomFields(groupId: string, entityType: string, request: PageRequest): FolkPage<GroupCustomField> | FolkFailure {
    return this.#groups.has(groupId) ? this.#groupFields.listFields(groupId, entityType, request) : notFound("group", groupId);
  }

  /**
   * Logs an interaction with a person or company. On a person it shows in `interactionMetadata`: one more
   * interaction for the key's user and the workspace, and the latest date and users when it is the newest.
   */
  createInteraction(input: CreateInteractionInput): Interaction | FolkFailure {
    const entity = this.#entity(input.entity.id);
    if (!entity) return entityNotFound(input.entity.id);
    if (entity.entityType === "object")
      return invalid(`entity.id: ${entity.id} is an object of a group; interactions are logged with a person or a company`, [
        "entity",
        "id",
      ]);
    const { entity: _reference, ...fields } = input;
    const interaction: Interaction = { id: `lit_${this.#newUuid()}`, entity, ...fields };
    const person = this.#people.get(entity.id);
    if (person) {
      const interactionMetadata = withInteraction(person.interactionMetadata, input.dateTime, this.users.getCurrentUser());
      this.#people.set(person.id, { ...person, interactionMetadata });
    }
    return interaction;
  }

  /** folk's schema makes `name` optional; a company created without one is unnamed (`""`) [uncertain]. */
  createCompany(input: CreateCompanyInput): Company | InvalidFailure {
    const clash = input.name ? this.#companyNamed(input.name) : undefined;
    if (clash)
      return invalid(`name: a company named ${JSON.stringify(input.name)} already exists (${clash.id}); company names are unique`, [
        "name",
      ]);
    const blank = blankCompany(`com_${this.#newUuid()}`, input.name ?? "", this.#now(), this.users.getCurrentUser());
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
    for (const person of this.#people.allBy("companyId", id)) {
      this.#people.set(person.id, { ...person, companyIds: person.companyIds.filter((c) => c !== id) });
    }
    return { id };
  }

  listCompanies(request: ListRequest): FolkPage<Company> | InvalidFailure {
    const filter = compileFilter(request.filter, request.combinator, COMPANY_ATTRIBUTES);
    return isFailure(filter) ? filter : pageOf(this.#companies, request, filter, (c) => c);
  }

  createPerson(input: CreatePersonInput): Person | InvalidFailure {
    const blank = { ...blankPerson(`per_${this.#newUuid()}`, this.#now(), this.users.getCurrentUser()), companyIds: [] };
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
    return pageOf(
      this.#people,
      request,
      (p) => filter(this.#personView(p)),
      (p) => this.#personView(p),
    );
  }

  #applyCompanyFields(company: Company, input: UpdateCompanyInput): Company | InvalidFailure {
    const { groups, customFieldValues, fundingRaised, foundationDate, ...rest } = input;
    const { foundationYear = yearOf(foundationDate), ...scalars } = rest;
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
      { ...person, ...scalars, ...personNames(person, { firstName, lastName, fullName }) },
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
        return this.users.find({ id });
      },
      byEmail: (email) => this.users.find({ email }),
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
    return this.#companies.findBy("name", name.toLowerCase());
  }

  /** The person, company or object (deal) with this id, as notes, reminders and interactions link it. */
  #entity(id: string): LinkedEntity | undefined {
    const person = this.#people.get(id);
    if (person) return { id, entityType: "person", fullName: person.fullName };
    const company = this.#companies.get(id);
    if (company) return { id, entityType: "company", fullName: company.name };
    const deal = this.deals.findDeal(id);
    return deal && { id, entityType: "object", fullName: deal.name };
  }
}

/**
 * The year of a `foundationDate` as clients send it ("1990-01-01", "1990" or 1990), which the sandbox stores as
 * `foundationYear` [assumed; folk does not document the field]; undefined when none was sent.
 */
function yearOf(foundationDate: string | number | null | undefined): string | null | undefined {
  if (foundationDate === undefined || foundationDate === null) return foundationDate;
  return /^\d{4}/.exec(String(foundationDate))?.[0];
}

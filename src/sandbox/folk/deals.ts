/**
 * The objects of a group, deals among them (https://developer.folk.app/api-reference/deals): addressed by
 * group and object type, linked to companies and people that must exist, with custom field values keyed by
 * field name; PATCH changes only the fields sent (lists replace); lists filter as people and companies do.
 */
import { RecordTable } from "../record-table.js";
import { applyFieldValues, failedWith, type ReferenceResolver } from "./custom-fields.js";
import { compileFilter } from "./filters.js";
import {
  type Combinator,
  type CreateDealInput,
  type Deal,
  type Filter,
  type FolkDirectory,
  type FolkFailure,
  type FolkIssue,
  type InvalidFailure,
  isFailure,
  type NotFoundFailure,
  notFound,
  type UpdateDealInput,
} from "./model.js";
import { type FolkPage, type PageRequest, pageOf } from "./paging.js";

/** A stored object: the API's deal with its group, type, and links by id (names are read from the records). */
type StoredDeal = Omit<Deal, "companies" | "people"> & { groupId: string; objectType: string; companyIds: string[]; personIds: string[] };

/** Where objects live: a group and one of its object types. */
export interface ObjectPlace {
  groupId: string;
  objectType: string;
}

export interface DealListRequest extends PageRequest {
  filter?: Filter;
  combinator?: Combinator;
}

const DEAL_ATTRIBUTES = ["name", "companies", "people", "createdAt", "customFieldValues"];

export class DealStore {
  readonly #deals = new RecordTable<StoredDeal>();
  readonly #directory: FolkDirectory;
  readonly #references: ReferenceResolver;
  /** A 404 when the group does not exist or has no such object type. */
  readonly #checkPlace: (place: ObjectPlace) => NotFoundFailure | undefined;

  constructor(directory: FolkDirectory, references: ReferenceResolver, checkPlace: (place: ObjectPlace) => NotFoundFailure | undefined) {
    this.#directory = directory;
    this.#references = references;
    this.#checkPlace = checkPlace;
  }

  /** Seeding: the deal as given; links to records that do not exist are dropped. */
  putDeal(place: ObjectPlace, deal: Deal): void {
    const { companies, people, ...rest } = deal;
    const ids = (list: Array<{ id: string }>, type: string) =>
      list.map((l) => l.id).filter((id) => this.#directory.entity(id)?.entityType === type);
    this.#deals.set(deal.id, { ...rest, ...place, companyIds: ids(companies, "company"), personIds: ids(people, "person") });
  }

  /** The object with this id, of any group (what a note or reminder links). */
  findDeal(id: string): Deal | undefined {
    const deal = this.#deals.get(id);
    return deal && this.#view(deal);
  }

  createDeal(place: ObjectPlace, input: CreateDealInput): Deal | FolkFailure {
    const missing = this.#checkPlace(place);
    if (missing) return missing;
    const blank: StoredDeal = {
      id: this.#directory.newId("obj"),
      name: "",
      ...place,
      companyIds: [],
      personIds: [],
      createdAt: this.#directory.now().toISOString(),
      createdBy: this.#directory.apiUser(),
      customFieldValues: {},
    };
    const deal = this.#apply(blank, input);
    if (isFailure(deal)) return deal;
    this.#deals.set(deal.id, deal);
    return this.#view(deal);
  }

  getDeal(place: ObjectPlace, id: string): Deal | NotFoundFailure {
    const deal = this.#inPlace(place, id);
    return isFailure(deal) ? deal : this.#view(deal);
  }

  /** Changes only the fields sent; `companies`/`people` sent replace; a custom field set to `null` or `[]` is unset. */
  updateDeal(place: ObjectPlace, id: string, input: UpdateDealInput): Deal | FolkFailure {
    const existing = this.#inPlace(place, id);
    if (isFailure(existing)) return existing;
    const deal = this.#apply(existing, input);
    if (isFailure(deal)) return deal;
    this.#deals.set(id, deal);
    return this.#view(deal);
  }

  deleteDeal(place: ObjectPlace, id: string): { id: string } | NotFoundFailure {
    const deal = this.#inPlace(place, id);
    if (isFailure(deal)) return deal;
    this.#deals.delete(id);
    return { id };
  }

  listDeals(place: ObjectPlace, request: DealListRequest): FolkPage<Deal> | FolkFailure {
    const missing = this.#checkPlace(place);
    if (missing) return missing;
    const filter = compileFilter(request.filter, request.combinator, DEAL_ATTRIBUTES, "flat");
    if (isFailure(filter)) return filter;
    return pageOf(
      this.#deals,
      request,
      (d) => d.groupId === place.groupId && d.objectType === place.objectType && filter(this.#view(d)),
      (d) => this.#view(d),
    );
  }

  #inPlace(place: ObjectPlace, id: string): StoredDeal | NotFoundFailure {
    const missing = this.#checkPlace(place);
    if (missing) return missing;
    const deal = this.#deals.get(id);
    return deal && deal.groupId === place.groupId && deal.objectType === place.objectType
      ? deal
      : notFound("object", id, `${place.objectType} of group ${place.groupId}`);
  }

  #apply(deal: StoredDeal, input: UpdateDealInput): StoredDeal | InvalidFailure {
    const { companies, people, customFieldValues, name } = input;
    const issues: FolkIssue[] = [];
    const next = { ...deal, ...(name === undefined ? {} : { name }) };
    if (companies !== undefined) next.companyIds = this.#links(companies, "company", "companies", issues);
    if (people !== undefined) next.personIds = this.#links(people, "person", "people", issues);
    next.customFieldValues = applyFieldValues(
      deal.customFieldValues,
      customFieldValues ?? {},
      ["customFieldValues"],
      this.#references,
      issues,
    );
    return issues.length > 0 ? failedWith(issues) : next;
  }

  #links(references: Array<{ id: string }>, type: "company" | "person", field: string, issues: FolkIssue[]): string[] {
    references.forEach(({ id }, index) => {
      if (this.#directory.entity(id)?.entityType !== type)
        issues.push({ code: "custom", message: `${field}.${index}.id: no ${type} ${id}`, path: [field, index, "id"] });
    });
    return [...new Set(references.map((r) => r.id))];
  }

  #view(deal: StoredDeal): Deal {
    const { groupId: _group, objectType: _type, companyIds, personIds, ...fields } = deal;
    const linked = (ids: string[]) => ids.flatMap((id) => this.#directory.entity(id) ?? []);
    return {
      ...fields,
      companies: linked(companyIds).map((e) => ({ id: e.id, name: e.fullName })),
      people: linked(personIds).map((e) => ({ id: e.id, fullName: e.fullName })),
    };
  }
}

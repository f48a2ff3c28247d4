/**
 * The custom fields each group defines, per entity type (https://developer.folk.app/api-reference/group-custom-fields):
 * `person`, `company`, and the group's object types, which are named by its `objectField` fields (`Deals`).
 */
import { RecordTable } from "../record-table.js";
import { type GroupCustomField, type InvalidFailure, type NotFoundFailure, notFound } from "./model.js";
import { type FolkPage, type PageRequest, pageOf } from "./paging.js";

const ENTITY_TYPES = ["person", "company"];

export class GroupFieldStore {
  readonly #fields = new Map<string, RecordTable<GroupCustomField>>();

  /** Seeding: the fields a group defines for one entity type, in order. */
  putFields(groupId: string, entityType: string, fields: GroupCustomField[]): void {
    const table = this.#table(groupId, entityType) ?? new RecordTable<GroupCustomField>();
    for (const field of fields) table.set(field.name, field);
    this.#fields.set(key(groupId, entityType), table);
  }

  /** The group's object types: the names of its `objectField` custom fields. */
  objectTypes(groupId: string): string[] {
    return [...this.#fields.entries()]
      .filter(([k]) => k.startsWith(key(groupId, "")))
      .flatMap(([, table]) =>
        table
          .values()
          .filter((f) => f.type === "objectField")
          .map((f) => f.name),
      );
  }

  /** A page of the fields of an existing group; an entity type that is not person, company or one of its object types is a 404. */
  listFields(groupId: string, entityType: string, request: PageRequest): FolkPage<GroupCustomField> | NotFoundFailure | InvalidFailure {
    if (!ENTITY_TYPES.includes(entityType) && !this.objectTypes(groupId).includes(entityType))
      return notFound("objectType", entityType, `group ${groupId}`);
    return pageOf(this.#table(groupId, entityType) ?? new RecordTable<GroupCustomField>(), request);
  }

  #table(groupId: string, entityType: string): RecordTable<GroupCustomField> | undefined {
    return this.#fields.get(key(groupId, entityType));
  }
}

function key(groupId: string, entityType: string): string {
  return `${groupId}/${entityType}`;
}

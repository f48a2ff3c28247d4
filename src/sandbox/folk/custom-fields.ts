/**
 * folk's custom field values (https://developer.folk.app/api-reference/companies/update-a-company): keyed by
 * group, each group must be one of the record's `groups`; `null` or `[]` unsets a value; numbers are read
 * back as strings; references (`{ id }`, `{ email }`) are read back as the entity or user they name.
 */
import { type CustomFieldValues, type CustomFieldValuesInput, type FolkIssue, type InvalidFailure, invalid } from "./model.js";

type StoredValue = CustomFieldValues[string][string];

/** Looks up what a reference names: a person, company or user by id, a user by email. */
export interface ReferenceResolver {
  byId(id: string): Exclude<StoredValue, string | string[] | null>[number] | undefined;
  byEmail(email: string): Exclude<StoredValue, string | string[] | null>[number] | undefined;
}

/**
 * The record's values after applying `input` (fields sent replace, `null`/`[]` unset) and dropping the
 * values of the groups it just left. Writing to a group not in `groupIds`, or a reference to nothing, is
 * a failure naming the path.
 */
export function applyCustomFieldValues(
  current: CustomFieldValues,
  input: CustomFieldValuesInput | undefined,
  groups: { now: readonly string[]; left: readonly string[] },
  resolve: ReferenceResolver,
): CustomFieldValues | InvalidFailure {
  const groupIds = groups.now;
  const next: CustomFieldValues = {};
  for (const [groupId, values] of Object.entries(current)) if (!groups.left.includes(groupId)) next[groupId] = { ...values };
  const issues: FolkIssue[] = [];
  for (const [groupId, fields] of Object.entries(input ?? {})) {
    if (!groupIds.includes(groupId)) {
      issues.push({
        code: "custom",
        message: `customFieldValues.${groupId}: the record is not in group ${groupId}; add it to groups`,
        path: ["customFieldValues", groupId],
      });
      continue;
    }
    next[groupId] = applyFieldValues(next[groupId] ?? {}, fields, ["customFieldValues", groupId], resolve, issues);
  }
  return issues.length > 0 ? failedWith(issues) : next;
}

/**
 * One set of values after `fields` (sent replace, `null`/`[]` unset, numbers as strings, references
 * resolved): a group's values on a person or company, or an object's (deal's) values. A reference to
 * nothing is pushed to `issues` with its path under `path`, and the field keeps its value.
 */
export function applyFieldValues(
  current: Readonly<Record<string, StoredValue>>,
  fields: Readonly<Record<string, CustomFieldValuesInput[string][string]>>,
  path: Array<string | number>,
  resolve: ReferenceResolver,
  issues: FolkIssue[],
): Record<string, StoredValue> {
  const next = { ...current };
  for (const [field, value] of Object.entries(fields)) {
    const at = [...path, field];
    if (value === null || (Array.isArray(value) && value.length === 0)) {
      delete next[field];
    } else if (typeof value === "number") {
      next[field] = String(value);
    } else if (typeof value === "string") {
      next[field] = value;
    } else if (value.every((item) => typeof item === "string")) {
      next[field] = value as string[];
    } else {
      const resolved = value.map((item) =>
        typeof item === "string" ? undefined : "id" in item ? resolve.byId(item.id) : resolve.byEmail(item.email),
      );
      const missing = value.findIndex((_, i) => resolved[i] === undefined);
      if (missing >= 0) {
        issues.push({
          code: "custom",
          message: `${at.join(".")}.${missing}: no record ${JSON.stringify(value[missing])} to reference`,
          path: [...at, missing],
        });
      } else {
        next[field] = resolved as Exclude<StoredValue, string | string[] | null>;
      }
    }
  }
  return next;
}

/** A 422 failure listing every issue (its message joins theirs). */
export function failedWith(issues: FolkIssue[]): InvalidFailure {
  return { ...invalid(issues.map((i) => i.message).join("; "), issues[0]?.path ?? []), issues };
}

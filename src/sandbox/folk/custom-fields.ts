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
    const group = { ...(next[groupId] ?? {}) };
    for (const [field, value] of Object.entries(fields)) {
      const path = ["customFieldValues", groupId, field];
      if (value === null || (Array.isArray(value) && value.length === 0)) {
        delete group[field];
      } else if (typeof value === "number") {
        group[field] = String(value);
      } else if (typeof value === "string") {
        group[field] = value;
      } else if (value.every((item) => typeof item === "string")) {
        group[field] = value as string[];
      } else {
        const resolved = value.map((item) =>
          typeof item === "string" ? undefined : "id" in item ? resolve.byId(item.id) : resolve.byEmail(item.email),
        );
        const missing = value.findIndex((_, i) => resolved[i] === undefined);
        if (missing >= 0) {
          const item = value[missing];
          issues.push({
            code: "custom",
            message: `${path.join(".")}.${missing}: no record ${JSON.stringify(item)} to reference`,
            path: [...path, missing],
          });
        } else {
          group[field] = resolved as Exclude<StoredValue, string | string[] | null>;
        }
      }
    }
    next[groupId] = group;
  }
  if (issues.length > 0) return { ...invalid(issues.map((i) => i.message).join("; "), issues[0]?.path ?? []), issues };
  return next;
}

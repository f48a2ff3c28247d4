/**
 * folk's list filters (https://developer.folk.app/api-reference/filtering): `filter[<attribute>][<operator>]`
 * with `eq`, `not_eq`, `like`, `not_like`, `empty`, `not_empty`, `in`, `not_in`, `all`, `gt`, `lt`, combined with
 * `combinator` (`and` by default). Attributes are the record's fields, and `customFieldValues.<group>.<field>`
 * (people, companies) or `customFieldValues.<field>` (the objects of a group, whose values are not keyed by group).
 */
import { type Combinator, type Filter, type InvalidFailure, invalid } from "./model.js";

type Operand = Filter[string][keyof Filter[string]];
type RecordLike = { readonly [field: string]: unknown };

/** A predicate over records, or a failure naming the attribute that is not one of theirs. */
export function compileFilter(
  filter: Filter | undefined,
  combinator: Combinator | undefined,
  attributes: readonly string[],
  customFields: "byGroup" | "flat" = "byGroup",
): ((record: RecordLike) => boolean) | InvalidFailure {
  const conditions: Array<(record: RecordLike) => boolean> = [];
  const [customFieldPath, depth] =
    customFields === "byGroup" ? ["customFieldValues.<groupId>.<field>", 3] : ["customFieldValues.<field>", 2];
  for (const [attribute, operators] of Object.entries(filter ?? {})) {
    const [root] = attribute.split(".");
    if (!attributes.includes(root ?? "") || (root === "customFieldValues" && attribute.split(".").length !== depth)) {
      return invalid(
        `filter[${attribute}]: unknown attribute (filterable: ${attributes.join(", ")}, ${customFieldPath})`,
        ["filter", attribute],
        "invalid_enum_value",
      );
    }
    for (const [operator, operand] of Object.entries(operators)) {
      conditions.push((record) => matches(valueAt(record, attribute), operator, operand));
    }
  }
  if (conditions.length === 0) return () => true;
  return combinator === "or" ? (r) => conditions.some((c) => c(r)) : (r) => conditions.every((c) => c(r));
}

function valueAt(record: RecordLike, attribute: string): unknown {
  return attribute
    .split(".")
    .reduce<unknown>((value, key) => (typeof value === "object" && value !== null ? (value as RecordLike)[key] : undefined), record);
}

/** The strings a value compares as: itself, each item of a list, and an entity's id, name and email. */
function comparable(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(comparable);
  if (typeof value === "object") {
    const { id, name, fullName, email } = value as Record<string, unknown>;
    return [id, name, fullName, email].filter((v): v is string => typeof v === "string");
  }
  return [String(value)];
}

function operandValues(operand: Operand): { values: string[]; key?: "id" | "email" } {
  if (typeof operand === "string" || typeof operand === "number") return { values: [String(operand)] };
  if (Array.isArray(operand)) return { values: operand };
  if (typeof operand === "object" && operand !== null) {
    const key = "id" in operand ? "id" : "email";
    const raw = (operand as Record<string, string | string[] | undefined>)[key];
    return { values: raw === undefined ? [] : Array.isArray(raw) ? raw : [raw], key };
  }
  return { values: [] };
}

function matches(value: unknown, operator: string, operand: Operand): boolean {
  const values = comparable(value);
  const text = typeof operand === "string" || typeof operand === "number" ? String(operand) : "";
  switch (operator) {
    case "eq":
      return values.some((v) => v.toLowerCase() === text.toLowerCase());
    case "not_eq":
      return !values.some((v) => v.toLowerCase() === text.toLowerCase());
    case "like":
      return values.some((v) => v.toLowerCase().includes(text.toLowerCase()));
    case "not_like":
      return !values.some((v) => v.toLowerCase().includes(text.toLowerCase()));
    case "empty":
      return values.length === 0 || values.every((v) => v === "");
    case "not_empty":
      return values.some((v) => v !== "");
    case "in":
    case "not_in": {
      const { values: wanted, key } = operandValues(operand);
      const candidates = key && Array.isArray(value) ? value.map((item) => String((item as Record<string, unknown>)?.[key] ?? "")) : values;
      const found = candidates.some((v) => wanted.some((w) => w.toLowerCase() === v.toLowerCase()));
      return operator === "in" ? found : !found;
    }
    // `all`: the field holds every value listed [assumed meaning; see specs/folk FilterCondition].
    case "all": {
      const { values: wanted, key } = operandValues(operand);
      const candidates = key && Array.isArray(value) ? value.map((item) => String((item as Record<string, unknown>)?.[key] ?? "")) : values;
      return wanted.every((w) => candidates.some((v) => w.toLowerCase() === v.toLowerCase()));
    }
    case "gt":
      return values.some((v) => compare(v, text) > 0);
    case "lt":
      return values.some((v) => compare(v, text) < 0);
    default:
      return false;
  }
}

/** Numbers compare as numbers, anything else (ISO dates) as text. */
function compare(a: string, b: string): number {
  const [x, y] = [Number(a), Number(b)];
  if (a !== "" && b !== "" && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

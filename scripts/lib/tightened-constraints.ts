/**
 * An Optic ruleset for what its standard breaking-changes ruleset leaves out: a request schema or
 * parameter whose constraints got stricter (a lower maxLength, a new pattern, ...), so a request that
 * was valid before is now rejected. Enum and type changes are already covered by Optic.
 */
import { OperationRule, RequestRule, RuleError, Ruleset } from "@useoptic/rulesets-base";

type Schema = Record<string, unknown>;

const upperBounds = ["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties", "maxContains"] as const;
const lowerBounds = ["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties", "minContains"] as const;

/** The constraints of `after` that accept less than those of `before`, in words; [] when none. Only this schema's own keywords are compared, not its subschemas. */
export function tightenedConstraints(before: Schema, after: Schema): string[] {
  const changes: string[] = [];
  for (const keyword of upperBounds) {
    const [was, now] = [numberOrUndefined(before[keyword]), numberOrUndefined(after[keyword])];
    if (now !== undefined && (was === undefined || now < was))
      changes.push(was === undefined ? `${keyword} ${now} added` : `${keyword} lowered from ${was} to ${now}`);
  }
  for (const keyword of lowerBounds) {
    const [was, now] = [numberOrUndefined(before[keyword]), numberOrUndefined(after[keyword])];
    if (now !== undefined && (was === undefined || now > was))
      changes.push(was === undefined ? `${keyword} ${now} added` : `${keyword} raised from ${was} to ${now}`);
  }
  for (const keyword of ["pattern", "format"] as const) {
    const [was, now] = [before[keyword], after[keyword]];
    if (now !== undefined && now !== was)
      changes.push(
        was === undefined
          ? `${keyword} ${JSON.stringify(now)} added`
          : `${keyword} changed from ${JSON.stringify(was)} to ${JSON.stringify(now)}`,
      );
  }
  const [wasMultiple, nowMultiple] = [numberOrUndefined(before.multipleOf), numberOrUndefined(after.multipleOf)];
  if (nowMultiple !== undefined && (wasMultiple === undefined || wasMultiple % nowMultiple !== 0)) {
    changes.push(
      wasMultiple === undefined ? `multipleOf ${nowMultiple} added` : `multipleOf changed from ${wasMultiple} to ${nowMultiple}`,
    );
  }
  if (after.uniqueItems === true && before.uniqueItems !== true) changes.push("uniqueItems added");
  for (const keyword of ["additionalProperties", "unevaluatedProperties"] as const) {
    if (after[keyword] === false && before[keyword] !== false) changes.push(`${keyword}: false added`);
  }
  return changes;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}

function asSchema(value: unknown): Schema {
  return typeof value === "object" && value !== null ? (value as Schema) : {};
}

const requestSchemas = new RequestRule({
  name: "prevent tightening request schema constraints",
  rule: (request) => {
    request.schema.changed((before, after) => {
      const changes = tightenedConstraints(asSchema(before.raw), asSchema(after.raw));
      if (changes.length > 0) throw new RuleError({ message: `tightened constraint: ${changes.join(", ")}` });
    });
  },
});

function checkParameter(before: { value: { schema?: unknown } }, after: { value: { schema?: unknown } }) {
  const changes = tightenedConstraints(asSchema(before.value.schema), asSchema(after.value.schema));
  if (changes.length > 0) throw new RuleError({ message: `tightened constraint: ${changes.join(", ")}` });
}

const parameters = new OperationRule({
  name: "prevent tightening parameter constraints",
  rule: (operation) => {
    operation.queryParameter.changed(checkParameter);
    operation.pathParameter.changed(checkParameter);
    operation.headerParameter.changed(checkParameter);
    operation.cookieParameter.changed(checkParameter);
  },
});

export class TightenedConstraintsRuleset extends Ruleset {
  constructor() {
    super({ name: "Tightened constraints", rules: [requestSchemas, parameters] });
  }
}

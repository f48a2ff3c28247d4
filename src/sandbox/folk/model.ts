/** folk's shapes as the sandbox stores them, and the failures its rules produce. */
import type { components } from "../../../generated/folk.js";

type Schemas = components["schemas"];
export type Company = Schemas["Company"];
export type Person = Schemas["Person"];
export type Group = Schemas["Group"];
export type User = Schemas["User"];
export type CustomFieldValues = Schemas["CustomFieldValues"];
export type CustomFieldValuesInput = Schemas["CustomFieldValuesInput"];
export type CreateCompanyInput = Schemas["CreateCompanyRequest"];
export type UpdateCompanyInput = Schemas["UpdateCompanyRequest"];
export type CreatePersonInput = Schemas["CreatePersonRequest"];
export type UpdatePersonInput = Schemas["UpdatePersonRequest"];
export type Filter = Schemas["Filter"];
export type Combinator = Schemas["Combinator"];

/** A rule the request broke, in folk's Zod-issue terms: the path of the offending value and why. */
export interface FolkIssue {
  code: string;
  message: string;
  path: Array<string | number>;
}

export type NotFoundFailure = { failure: "notFound"; kind: "company" | "person"; id: string };
export type InvalidFailure = { failure: "invalid"; message: string; issues: FolkIssue[] };
export type FolkFailure = NotFoundFailure | InvalidFailure;

export function invalid(message: string, path: Array<string | number>, code = "custom"): InvalidFailure {
  return { failure: "invalid", message, issues: [{ code, message, path }] };
}

export function isFailure<T>(value: T): value is Extract<T, FolkFailure> {
  return typeof value === "object" && value !== null && "failure" in value;
}

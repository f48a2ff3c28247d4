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
export type LinkedEntity = Schemas["LinkedEntity"];
export type Note = Schemas["Note"];
export type ParentNote = Schemas["ParentNote"];
export type CreateNoteInput = Schemas["CreateNoteRequest"];
export type UpdateNoteInput = Schemas["UpdateNoteRequest"];
export type Reminder = Schemas["Reminder"];
export type CreateReminderInput = Schemas["CreateReminderRequest"];
export type UpdateReminderInput = Schemas["UpdateReminderRequest"];
export type UserReference = Schemas["UserReferenceInput"];
export type Interaction = Schemas["Interaction"];
export type CreateInteractionInput = Schemas["CreateInteractionRequest"];
export type Webhook = Schemas["Webhook"];
export type WebhookWithSigningSecret = Schemas["WebhookWithSigningSecret"];
export type CreateWebhookInput = Schemas["CreateWebhookRequest"];
export type UpdateWebhookInput = Schemas["UpdateWebhookRequest"];
export type Deal = Schemas["Deal"];
export type CreateDealInput = Schemas["CreateDealRequest"];
export type UpdateDealInput = Schemas["UpdateDealRequest"];
export type GroupCustomField = Schemas["GroupCustomField"];
export type Combinator = Schemas["Combinator"];

/** A rule the request broke, in folk's Zod-issue terms: the path of the offending value and why. */
export interface FolkIssue {
  code: string;
  message: string;
  path: Array<string | number>;
}

/** What a 404 names: the kind of record, its id, and where it was looked for (an object type's group). */
export type RecordKind = "company" | "person" | "object" | "entity" | "group" | "objectType" | "user" | "note" | "reminder" | "webhook";
export type NotFoundFailure = { failure: "notFound"; kind: RecordKind; id: string; within?: string };
export type InvalidFailure = { failure: "invalid"; message: string; issues: FolkIssue[] };
export type FolkFailure = NotFoundFailure | InvalidFailure;

export function invalid(message: string, path: Array<string | number>, code = "custom"): InvalidFailure {
  return { failure: "invalid", message, issues: [{ code, message, path }] };
}

export function notFound(kind: RecordKind, id: string, within?: string): NotFoundFailure {
  return within === undefined ? { failure: "notFound", kind, id } : { failure: "notFound", kind, id, within };
}

/** The 404 for a link to a record that does not exist, named by its id's prefix (`per_`, `com_`, `obj_`). */
export function entityNotFound(id: string): NotFoundFailure {
  const kind = id.startsWith("per_") ? "person" : id.startsWith("com_") ? "company" : id.startsWith("obj_") ? "object" : "entity";
  return notFound(kind, id);
}

/** The fields of a PATCH body that were sent (a key present with `undefined` is not sent). */
export function defined<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * What the sandbox's other records need from the workspace: the clock, new ids, the API key's user, and
 * the records a note, reminder, interaction or custom field can point at.
 */
export interface FolkDirectory {
  now(): Date;
  /** A new id with folk's prefix (`nte`, `rmd`, `wbk`, `obj`, `lit`): the prefix, `_`, a UUID. */
  newId(prefix: string): string;
  /** The user the API key belongs to: the author and creator of what the API writes. */
  apiUser(): User;
  /** The person, company or object (deal) with this id, as a note or reminder links it. */
  entity(id: string): LinkedEntity | undefined;
  /** The workspace user a reference names, by id or by email. */
  user(reference: UserReference): User | undefined;
}

export function isFailure<T>(value: T): value is Extract<T, FolkFailure> {
  return typeof value === "object" && value !== null && "failure" in value;
}

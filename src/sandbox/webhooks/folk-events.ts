/**
 * The events folk sends for a change made through its API (https://developer.folk.app/webhooks/events-and-payloads):
 * `<resource>.created`, `.updated` (with `changes`), `.deleted` for people, companies, objects (deals), notes
 * and reminders; `person.groups_updated` / `company.groups_updated` when the groups change (apart from the
 * other fields' `*.updated`); `person.workspace_interaction_metadata_updated` when an interaction is logged.
 * The resource is read through the operation's own GET handler, before and after the change.
 * Assumed where folk does not say: which `changes` kind an attribute gets (`set` for a value, `add` / `remove`
 * per list entry), and that a `groupId` filter matches a person or company in that group, or an object of it.
 */
import type { AnyReply, OperationShape, SandboxRequest } from "../types.js";
import type { EventRule } from "./handler-events.js";

/** One attribute that changed, as folk's `data.changes[]` shows it. */
export interface FolkChange {
  path: string[];
  type: "add" | "remove" | "set";
  value?: unknown;
}

/** An event before it is addressed to a webhook. */
export interface FolkEventDraft {
  type: string;
  resourceId: string;
  /** The API path of the resource, for `data.url`. */
  resourcePath: string;
  changes?: FolkChange[];
  /** The groups the resource is in (a deal: its group), for a subscription's `groupId` filter. */
  groupIds: string[];
  /** A deal's object type, for a subscription's `objectType` filter. */
  objectType?: string;
}

type Record_ = Record<string, unknown>;
type Request_ = SandboxRequest<OperationShape>;

interface Resource {
  kind: "person" | "company" | "object" | "note" | "reminder";
  /** The GET operation that reads it, with the same path parameters. */
  read: string;
  idParam: string;
  path(id: string, request: Request_): string;
}

const RESOURCES: Record<string, Resource> = {
  person: { kind: "person", read: "getPerson", idParam: "personId", path: (id) => `/v1/people/${id}` },
  company: { kind: "company", read: "getCompany", idParam: "companyId", path: (id) => `/v1/companies/${id}` },
  object: {
    kind: "object",
    read: "getDeal",
    idParam: "objectId",
    path: (id, { path }) => {
      const { groupId, objectType } = path as { groupId: string; objectType: string };
      return `/v1/groups/${groupId}/${encodeURIComponent(objectType)}/${id}`;
    },
  },
  note: { kind: "note", read: "getNote", idParam: "noteId", path: (id) => `/v1/notes/${id}` },
  reminder: { kind: "reminder", read: "getReminder", idParam: "reminderId", path: (id) => `/v1/reminders/${id}` },
};

/** The resource as the GET handler answers it, or undefined when it does not exist. */
function readResource(
  resource: Resource,
  id: string,
  request: Request_,
  store: unknown,
  handlers: Parameters<EventRule<FolkEventDraft>>[2],
) {
  const read = handlers[resource.read];
  if (!read) return undefined;
  const reply = read({ ...request, path: { ...(request.path as object), [resource.idParam]: id }, query: {}, body: undefined }, store);
  return reply.status === 200 ? ((reply.body as { data?: Record_ }).data ?? undefined) : undefined;
}

function draftOf(resource: Resource, type: string, record: Record_, request: Request_, changes?: FolkChange[]): FolkEventDraft {
  const id = String(record.id);
  const groups = Array.isArray(record.groups) ? (record.groups as Array<{ id?: unknown }>).map((group) => String(group.id)) : [];
  const place = resource.kind === "object" ? (request.path as { groupId: string; objectType: string }) : undefined;
  return {
    type,
    resourceId: id,
    resourcePath: resource.path(id, request),
    ...(changes ? { changes } : {}),
    groupIds: place ? [place.groupId] : groups,
    ...(place ? { objectType: place.objectType } : {}),
  };
}

const replyData = (reply: AnyReply) => (reply.body as { data: Record_ }).data;

function created(resource: Resource): EventRule<FolkEventDraft> {
  return (request) => (reply) => [draftOf(resource, `${resource.kind}.created`, replyData(reply), request)];
}

function deleted(resource: Resource): EventRule<FolkEventDraft> {
  return (request, store, handlers) => {
    const id = String((request.path as Record_)[resource.idParam]);
    const before = readResource(resource, id, request, store, handlers) ?? { id };
    return () => [draftOf(resource, `${resource.kind}.deleted`, before, request)];
  };
}

function updated(resource: Resource): EventRule<FolkEventDraft> {
  return (request, store, handlers) => {
    const id = String((request.path as Record_)[resource.idParam]);
    const before = readResource(resource, id, request, store, handlers) ?? {};
    return (reply) => {
      const after = replyData(reply);
      const changes = diff(before, after, []);
      const groupChanges = changes.filter((change) => change.path[0] === "groups");
      const otherChanges = changes.filter((change) => change.path[0] !== "groups");
      const drafts: FolkEventDraft[] = [];
      // folk has a separate event for group membership, on the resources that have groups.
      if (groupChanges.length > 0 && (resource.kind === "person" || resource.kind === "company")) {
        drafts.push(draftOf(resource, `${resource.kind}.groups_updated`, after, request, groupChanges));
      }
      const rest = resource.kind === "person" || resource.kind === "company" ? otherChanges : changes;
      if (rest.length > 0) drafts.push(draftOf(resource, `${resource.kind}.updated`, after, request, rest));
      return drafts;
    };
  };
}

/** Logging an interaction with a person changes its workspace interaction metadata. */
const interactionLogged: EventRule<FolkEventDraft> = (request, store, handlers) => {
  const person = RESOURCES.person as Resource;
  const id = String((request.body as { entity?: { id?: unknown } } | undefined)?.entity?.id ?? "");
  if (!id.startsWith("per_")) return () => [];
  const before = readResource(person, id, request, store, handlers) ?? {};
  return () => {
    const after = readResource(person, id, request, store, handlers);
    if (!after) return [];
    const changes = diff(before, after, []).filter((change) => change.path[0] === "interactionMetadata");
    return changes.length > 0 ? [draftOf(person, "person.workspace_interaction_metadata_updated", after, request, changes)] : [];
  };
};

/** The operations whose success folk reports to webhooks, and what each sends. */
export const FOLK_EVENT_RULES: Readonly<Record<string, EventRule<FolkEventDraft>>> = (() => {
  const { person, company, object, note, reminder } = RESOURCES as Record<Resource["kind"], Resource>;
  return {
    createPerson: created(person),
    updatePerson: updated(person),
    deletePerson: deleted(person),
    createCompany: created(company),
    updateCompany: updated(company),
    deleteCompany: deleted(company),
    createDeal: created(object),
    updateDeal: updated(object),
    deleteDeal: deleted(object),
    createNote: created(note),
    updateNote: updated(note),
    deleteNote: deleted(note),
    createReminder: created(reminder),
    updateReminder: updated(reminder),
    deleteReminder: deleted(reminder),
    createInteraction: interactionLogged,
  };
})();

const isPlainObject = (value: unknown): value is Record_ => typeof value === "object" && value !== null && !Array.isArray(value);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What changed from `before` to `after`: `set` for a value, `add` / `remove` per entry of a list, nested objects by path. */
export function diff(before: Record_, after: Record_, path: string[]): FolkChange[] {
  const changes: FolkChange[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[key];
    const next = after[key];
    if (same(old, next)) continue;
    const at = [...path, key];
    if (Array.isArray(old) && Array.isArray(next)) {
      for (const item of next) if (!old.some((entry) => same(entry, item))) changes.push({ path: at, type: "add", value: item });
      for (const item of old) if (!next.some((entry) => same(entry, item))) changes.push({ path: at, type: "remove", value: item });
    } else if (isPlainObject(old) && isPlainObject(next)) {
      changes.push(...diff(old, next, at));
    } else {
      changes.push({ path: at, type: "set", value: next ?? null });
    }
  }
  return changes;
}

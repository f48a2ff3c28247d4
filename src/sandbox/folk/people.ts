/** What folk derives for a person (https://developer.folk.app/api-reference/people): defaults, names, interaction counts. */
import type { Person, User } from "./model.js";

/** The attributes a people list filters on. */
export const PERSON_ATTRIBUTES = [
  "firstName",
  "lastName",
  "fullName",
  "description",
  "birthday",
  "jobTitle",
  "groups",
  "companies",
  "addresses",
  "emails",
  "phones",
  "urls",
  "createdAt",
  "customFieldValues",
];

/** A person as folk creates it before the fields sent are applied. */
export function blankPerson(id: string, now: Date, createdBy: User): Omit<Person, "companies"> {
  return {
    id,
    firstName: "",
    lastName: "",
    fullName: "",
    description: "",
    birthday: null,
    jobTitle: "",
    createdAt: now.toISOString(),
    createdBy,
    groups: [],
    addresses: [],
    emails: [],
    phones: [],
    urls: [],
    customFieldValues: {},
    interactionMetadata: {
      user: { approximateCount: 0, lastInteractedAt: null },
      workspace: { approximateCount: 0, lastInteractedAt: null, lastInteractedBy: [] },
    },
  };
}

/**
 * The person's interaction metadata after `user` logs an interaction at `dateTime`: one more for the key's
 * user and for the workspace, and, when it is the newest, its date and `user` first among the last to interact.
 */
export function withInteraction(metadata: Person["interactionMetadata"], dateTime: string, user: User): Person["interactionMetadata"] {
  const latest = (at: string | null) => (at === null || Date.parse(dateTime) >= Date.parse(at) ? dateTime : at);
  const { workspace } = metadata;
  const newest = latest(workspace.lastInteractedAt) === dateTime;
  return {
    user: { approximateCount: metadata.user.approximateCount + 1, lastInteractedAt: latest(metadata.user.lastInteractedAt) },
    workspace: {
      approximateCount: workspace.approximateCount + 1,
      lastInteractedAt: latest(workspace.lastInteractedAt),
      lastInteractedBy: newest ? [user, ...workspace.lastInteractedBy.filter((u) => u.id !== user.id)] : workspace.lastInteractedBy,
    },
  };
}

/** folk keeps `fullName` and `firstName`/`lastName` in step: whichever is sent sets the other. */
export function personNames(
  current: { firstName: string; lastName: string },
  sent: { firstName?: string; lastName?: string; fullName?: string },
) {
  if (sent.firstName === undefined && sent.lastName === undefined && sent.fullName !== undefined) {
    const [first = "", ...rest] = sent.fullName.trim().split(/\s+/);
    return { firstName: first, lastName: rest.join(" "), fullName: sent.fullName.trim() };
  }
  if (sent.firstName === undefined && sent.lastName === undefined) return {};
  const firstName = sent.firstName ?? current.firstName;
  const lastName = sent.lastName ?? current.lastName;
  return { firstName, lastName, fullName: sent.fullName ?? `${firstName} ${lastName}`.trim() };
}

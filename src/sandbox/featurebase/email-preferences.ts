/**
 * Featurebase's email preferences of a customer contact (https://docs.featurebase.app/rest-api, Contacts):
 * a stored status per category, and `all`, the master gate: while it is `unsubscribed` every category is
 * effectively unsubscribed, and setting it back restores the stored values.
 */
import type { components } from "../../../generated/featurebase.js";

export type ContactEmailPreferences = components["schemas"]["ContactEmailPreferences"];
export type PreferenceChanges = components["schemas"]["UpdateContactEmailPreferencesRequest"]["preferences"];
type Category = keyof ContactEmailPreferences["preferences"];
type Status = components["schemas"]["EmailPreferenceStatus"];
export type StoredPreferences = Record<Category, Status>;

const CATEGORIES: readonly Category[] = ["all", "postUpdates", "postComments", "commentReplies", "changelog"];

/** The stored preferences after the keys sent (a new contact starts with every category subscribed). */
export function applyPreferences(stored: StoredPreferences | undefined, changes: PreferenceChanges): StoredPreferences {
  const next = { ...(stored ?? (Object.fromEntries(CATEGORIES.map((c) => [c, "subscribed"])) as StoredPreferences)) };
  for (const category of CATEGORIES) {
    const status = changes[category];
    if (status !== undefined) next[category] = status;
  }
  return next;
}

/** The API's view: each category's stored status and its effective status after the `all` gate. */
export function preferencesView(
  contact: { id: string; userId?: string | null; email?: string | null },
  stored: StoredPreferences,
): ContactEmailPreferences {
  const state = (category: Category) => ({
    status: stored[category],
    effectiveStatus: stored.all === "unsubscribed" ? ("unsubscribed" as const) : stored[category],
  });
  return {
    object: "contact_email_preferences",
    contactId: contact.id,
    userId: contact.userId ?? null,
    email: contact.email ?? null,
    preferences: {
      all: state("all"),
      postUpdates: state("postUpdates"),
      postComments: state("postComments"),
      commentReplies: state("commentReplies"),
      changelog: state("changelog"),
    },
  };
}

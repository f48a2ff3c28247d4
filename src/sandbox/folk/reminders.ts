/**
 * folk's reminders (https://developer.folk.app/api-reference/reminders, deprecated for tasks): on a person,
 * company or object that must exist; a public reminder needs assigned users, a private one refuses them;
 * PATCH changes only the fields sent. Trigger times are not computed from `recurrenceRule`.
 */
import { RecordTable } from "../record-table.js";
import { failedWith } from "./custom-fields.js";
import {
  type CreateReminderInput,
  defined,
  entityNotFound,
  type FolkDirectory,
  type FolkFailure,
  type FolkIssue,
  type InvalidFailure,
  isFailure,
  type NotFoundFailure,
  notFound,
  type Reminder,
  type UpdateReminderInput,
  type User,
  type UserReference,
} from "./model.js";
import { type FolkPage, type PageRequest, pageOf } from "./paging.js";

export class ReminderStore {
  readonly #reminders = new RecordTable<Reminder>();
  readonly #directory: FolkDirectory;

  constructor(directory: FolkDirectory) {
    this.#directory = directory;
  }

  putReminder(reminder: Reminder): void {
    this.#reminders.set(reminder.id, reminder);
  }

  createReminder(input: CreateReminderInput): Reminder | FolkFailure {
    const entity = this.#directory.entity(input.entity.id);
    if (!entity) return entityNotFound(input.entity.id);
    const assignedUsers = this.#assigned(input.visibility, input.assignedUsers, []);
    if (isFailure(assignedUsers)) return assignedUsers;
    const reminder: Reminder = {
      id: this.#directory.newId("rmd"),
      name: input.name,
      entity,
      recurrenceRule: input.recurrenceRule,
      visibility: input.visibility,
      assignedUsers,
      nextTriggerTime: null,
      lastTriggerTime: null,
      createdBy: this.#directory.apiUser(),
      createdAt: this.#directory.now().toISOString(),
    };
    this.#reminders.set(reminder.id, reminder);
    return this.#view(reminder);
  }

  getReminder(id: string): Reminder | NotFoundFailure {
    const reminder = this.#reminders.get(id);
    return reminder ? this.#view(reminder) : notFound("reminder", id);
  }

  /** Changes only the fields sent; made private without `assignedUsers`, it keeps no assignees. */
  updateReminder(id: string, input: UpdateReminderInput): Reminder | FolkFailure {
    const reminder = this.#reminders.get(id);
    if (!reminder) return notFound("reminder", id);
    const { assignedUsers: sent, ...fields } = defined(input);
    const visibility = fields.visibility ?? reminder.visibility;
    const kept = visibility === "private" ? [] : reminder.assignedUsers;
    const assignedUsers = this.#assigned(visibility, sent, kept);
    if (isFailure(assignedUsers)) return assignedUsers;
    const next = { ...reminder, ...fields, assignedUsers };
    this.#reminders.set(id, next);
    return this.#view(next);
  }

  deleteReminder(id: string): { id: string } | NotFoundFailure {
    return this.#reminders.delete(id) ? { id } : notFound("reminder", id);
  }

  listReminders(request: PageRequest & { "entity.id"?: string }): FolkPage<Reminder> | InvalidFailure {
    const entityId = request["entity.id"];
    return pageOf(
      this.#reminders,
      request,
      (r) => entityId === undefined || r.entity.id === entityId,
      (r) => this.#view(r),
    );
  }

  /** The users a reminder is assigned to: those sent (each must exist), else `kept`; checked against its visibility. */
  #assigned(visibility: Reminder["visibility"], sent: UserReference[] | undefined, kept: User[]): User[] | InvalidFailure {
    const issues: FolkIssue[] = [];
    const users = (sent ?? []).flatMap((reference, index) => {
      const user = this.#directory.user(reference);
      if (!user)
        issues.push({
          code: "custom",
          message: `assignedUsers.${index}: no workspace user ${JSON.stringify(reference)}`,
          path: ["assignedUsers", index],
        });
      return user ? [user] : [];
    });
    if (issues.length > 0) return failedWith(issues);
    const assigned = sent === undefined ? kept : users;
    if (visibility === "public" && assigned.length === 0)
      return failedWith([
        { code: "custom", message: "assignedUsers: a public reminder needs at least one assigned user", path: ["assignedUsers"] },
      ]);
    if (visibility === "private" && assigned.length > 0)
      return failedWith([
        { code: "custom", message: "assignedUsers: a private reminder cannot be assigned to users", path: ["assignedUsers"] },
      ]);
    return assigned;
  }

  #view(reminder: Reminder): Reminder {
    return { ...reminder, entity: this.#directory.entity(reminder.entity.id) ?? reminder.entity };
  }
}

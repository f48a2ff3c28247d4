import { describe, expect, expectTypeOf, it } from "vitest";
import { unwrap } from "../../src/core/index.js";
import { type CreateReminderRequest, type Note, paginateFolk, type Reminder, type UpdateNoteRequest } from "../../src/folk/index.js";
import { recordingFetch, rejectionReport, requestViolationPaths } from "../support/mocks.js";
import { COMPANY_ID, folk, NOTE_ID, PERSON_ID, REMINDER_ID } from "./calls.js";
import { expectNote, expectReminder, folkId } from "./expect.js";

const note = { path: { noteId: NOTE_ID } };
const reminder = { path: { reminderId: REMINDER_ID } };
const rrule = "DTSTART;TZID=Europe/Paris:20250717T090000\nRRULE:FREQ=MONTHLY;INTERVAL=3";

describe("folk notes", () => {
  it("listNotes: 200 returns a typed page of the notes of one entity, with the reply's parent", async () => {
    const { fetch, requests } = recordingFetch();
    const { data, response } = await folk({ fetch }).GET("/v1/notes", { params: { query: { "entity.id": PERSON_ID, limit: 10 } } });
    expect(requestViolationPaths(response)).toEqual([]);
    expect(new URL(requests[0]!.url).searchParams.get("entity.id")).toBe(PERSON_ID);
    expectTypeOf(data!.data.items).toEqualTypeOf<Note[]>();
    data?.data.items.forEach(expectNote);
    expect(data?.data.items[0]?.parentNote?.id).toMatch(folkId("nte"));
  });

  it("listNotes: an entity.id of 39 characters is rejected naming it", async () => {
    const { response, error } = await folk().GET("/v1/notes", { params: { query: { "entity.id": PERSON_ID.slice(0, 39) } } });
    expect(await rejectionReport(response, error)).toMatch(/request\.query\.entity\.id: .*fewer than 40 characters/);
  });

  it("paginateFolk: walks the notes", async () => {
    const iterator = paginateFolk(folk(), "/v1/notes", { params: { query: { "entity.id": PERSON_ID } } })[Symbol.asyncIterator]();
    expectNote((await iterator.next()).value as Note);
  });

  it("createNote: 200 returns the note; a reply names its parent note", async () => {
    const { data, response } = await folk().POST("/v1/notes", {
      body: { entity: { id: COMPANY_ID }, visibility: "private", content: "Renewal due in **May**", parentNote: { id: NOTE_ID } },
    });
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
    expectNote(data!.data);
  });

  it("createNote: empty content is rejected naming content", async () => {
    const { response, error } = await folk().POST("/v1/notes", { body: { entity: { id: PERSON_ID }, visibility: "public", content: "" } });
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.content: .*fewer than 1 characters/);
  });

  it("getNote: 200 returns the note", async () => {
    const { data, response } = await folk().GET("/v1/notes/{noteId}", { params: note });
    expect(requestViolationPaths(response)).toEqual([]);
    expectNote(data!.data);
  });

  it("updateNote: 200 returns the note", async () => {
    const { data, response } = await folk().PATCH("/v1/notes/{noteId}", {
      params: note,
      body: { content: "Updated", visibility: "public" },
    });
    expect(requestViolationPaths(response)).toEqual([]);
    expectNote(data!.data);
  });

  it("updateNote: moving a note to another entity is rejected naming entity", async () => {
    // @ts-expect-error only content and visibility can change
    const body: UpdateNoteRequest = { entity: { id: COMPANY_ID } };
    const { response, error } = await folk().PATCH("/v1/notes/{noteId}", { params: note, body });
    expect(await rejectionReport(response, error)).toMatch(/additional properties; found 'entity'/);
  });

  it("deleteNote: 200 returns the id of the deleted note", async () => {
    const deleted = await unwrap(folk().DELETE("/v1/notes/{noteId}", { params: note }));
    expect(deleted.data.id).toMatch(folkId("nte"));
  });
});

describe("folk reminders", () => {
  it("listReminders: 200 returns a typed page of reminders", async () => {
    const { data, response } = await folk().GET("/v1/reminders", { params: { query: { "entity.id": PERSON_ID } } });
    expect(requestViolationPaths(response)).toEqual([]);
    expectTypeOf(data!.data.items).toEqualTypeOf<Reminder[]>();
    data?.data.items.forEach(expectReminder);
  });

  it("listReminders: a cursor over 128 characters is rejected naming cursor", async () => {
    const { response, error } = await folk().GET("/v1/reminders", { params: { query: { cursor: "c".repeat(129) } } });
    expect(await rejectionReport(response, error)).toMatch(/request\.query\.cursor: .*more than 128 characters/);
  });

  it("paginateFolk: walks the reminders", async () => {
    const iterator = paginateFolk(folk(), "/v1/reminders")[Symbol.asyncIterator]();
    expectReminder((await iterator.next()).value as Reminder);
  });

  it("createReminder: 200 returns the reminder; users are assigned by id or by email", async () => {
    const body: CreateReminderRequest = {
      entity: { id: PERSON_ID },
      name: "Quarterly check-in",
      recurrenceRule: rrule,
      visibility: "public",
      assignedUsers: [{ id: "usr_a45c30d8-19fc-4939-94c7-17dc5e46f476" }, { email: "jane@example.com" }],
    };
    const { data, response } = await folk().POST("/v1/reminders", { body });
    expect(response.status).toBe(200);
    expect(requestViolationPaths(response)).toEqual([]);
    expectReminder(data!.data);
  });

  it("createReminder: a reminder without recurrenceRule is rejected naming it", async () => {
    // @ts-expect-error recurrenceRule is required
    const body: CreateReminderRequest = { entity: { id: PERSON_ID }, name: "Call John", visibility: "private" };
    const { response, error } = await folk().POST("/v1/reminders", { body });
    expect(await rejectionReport(response, error)).toMatch(/request\.body: .*required property 'recurrenceRule'/);
  });

  it("getReminder: 200 returns the reminder", async () => {
    const { data, response } = await folk().GET("/v1/reminders/{reminderId}", { params: reminder });
    expect(requestViolationPaths(response)).toEqual([]);
    expectReminder(data!.data);
  });

  it("updateReminder: 200 returns the reminder", async () => {
    const { data, response } = await folk().PATCH("/v1/reminders/{reminderId}", { params: reminder, body: { recurrenceRule: rrule } });
    expect(requestViolationPaths(response)).toEqual([]);
    expectReminder(data!.data);
  });

  it("updateReminder: an empty assignedUsers list is rejected naming it", async () => {
    const { response, error } = await folk().PATCH("/v1/reminders/{reminderId}", { params: reminder, body: { assignedUsers: [] } });
    expect(await rejectionReport(response, error)).toMatch(/request\.body\.assignedUsers: .*fewer than 1 items/);
  });

  it("deleteReminder: 200 returns the id of the deleted reminder", async () => {
    const deleted = await unwrap(folk().DELETE("/v1/reminders/{reminderId}", { params: reminder }));
    expect(deleted.data.id).toMatch(folkId("rmd"));
  });
});

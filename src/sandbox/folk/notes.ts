/**
 * folk's notes (https://developer.folk.app/api-reference/notes): on a person, company or object that must
 * exist, written by the API key's user, optionally replying to another note; PATCH changes only the fields
 * sent; lists filter by entity, text and creation date.
 */
import { RecordTable } from "../record-table.js";
import {
  type CreateNoteInput,
  defined,
  entityNotFound,
  type FolkDirectory,
  type InvalidFailure,
  invalid,
  type Note,
  type NotFoundFailure,
  notFound,
  type ParentNote,
  type UpdateNoteInput,
} from "./model.js";
import { type FolkPage, type PageRequest, pageOf } from "./paging.js";

/** A stored note: its parent by id (read live, or as deleted once gone), or a seed's parent as given. */
type StoredNote = Omit<Note, "parentNote"> & { parentNoteId?: string; parentSnapshot?: ParentNote };

export interface NoteListRequest extends PageRequest {
  "entity.id"?: string;
  query?: string;
  createdAfter?: string;
  createdBefore?: string;
}

export class NoteStore {
  readonly #notes = new RecordTable<StoredNote>();
  readonly #directory: FolkDirectory;

  constructor(directory: FolkDirectory) {
    this.#directory = directory;
  }

  /** Seeding: the note as given; its parent is kept as written. */
  putNote(note: Note): void {
    const { parentNote, ...rest } = note;
    this.#notes.set(note.id, parentNote ? { ...rest, parentSnapshot: parentNote } : rest);
  }

  createNote(input: CreateNoteInput): Note | NotFoundFailure {
    const entity = this.#directory.entity(input.entity.id);
    if (!entity) return entityNotFound(input.entity.id);
    if (input.parentNote && !this.#notes.has(input.parentNote.id)) return notFound("note", input.parentNote.id);
    const user = this.#directory.apiUser();
    const note: StoredNote = {
      id: this.#directory.newId("nte"),
      entity,
      visibility: input.visibility,
      content: input.content,
      author: { type: "user", ...user, deleted: false },
      createdAt: this.#directory.now().toISOString(),
      ...(input.parentNote ? { parentNoteId: input.parentNote.id } : {}),
    };
    this.#notes.set(note.id, note);
    return this.#view(note);
  }

  getNote(id: string): Note | NotFoundFailure {
    const note = this.#notes.get(id);
    return note ? this.#view(note) : notFound("note", id);
  }

  /** Changes only the fields sent (`content`, `visibility`). */
  updateNote(id: string, input: UpdateNoteInput): Note | NotFoundFailure {
    const note = this.#notes.get(id);
    if (!note) return notFound("note", id);
    const next = { ...note, ...defined(input) };
    this.#notes.set(id, next);
    return this.#view(next);
  }

  /** Deletes the note; its replies then show it as `{ id, deleted: true }`. */
  deleteNote(id: string): { id: string } | NotFoundFailure {
    return this.#notes.delete(id) ? { id } : notFound("note", id);
  }

  /** Notes of one entity, whose content contains `query` (any case), created within the dates given. */
  listNotes(request: NoteListRequest): FolkPage<Note> | InvalidFailure {
    const after = dateBound(request.createdAfter, "createdAfter");
    const before = dateBound(request.createdBefore, "createdBefore");
    if (typeof after === "object") return after;
    if (typeof before === "object") return before;
    const query = request.query?.toLowerCase();
    const matches = (note: StoredNote) => {
      const created = note.createdAt === null ? Number.NaN : Date.parse(note.createdAt);
      return (
        (request["entity.id"] === undefined || note.entity.id === request["entity.id"]) &&
        (query === undefined || note.content.toLowerCase().includes(query)) &&
        (after === undefined || created > after) &&
        (before === undefined || created < before)
      );
    };
    return pageOf(this.#notes, request, matches, (n) => this.#view(n));
  }

  #view(note: StoredNote): Note {
    const { parentNoteId, parentSnapshot, ...fields } = note;
    const view: Note = { ...fields, entity: this.#directory.entity(note.entity.id) ?? note.entity };
    if (parentNoteId !== undefined) {
      const parent = this.#notes.get(parentNoteId);
      view.parentNote = parent
        ? {
            id: parent.id,
            entity: parent.entity,
            content: parent.content,
            visibility: parent.visibility,
            author: parent.author,
            createdAt: parent.createdAt,
            deleted: false,
          }
        : { id: parentNoteId, deleted: true };
    } else if (parentSnapshot) {
      view.parentNote = parentSnapshot;
    }
    return view;
  }
}

function dateBound(value: string | undefined, field: string): number | undefined | InvalidFailure {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? invalid(`${field}: ${JSON.stringify(value)} is not an ISO 8601 date`, [field], "invalid_string") : time;
}

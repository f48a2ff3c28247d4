import { describe, expect, it } from "vitest";
import { NotFoundError, unwrap } from "../../src/core/index.js";
import { paginateFolk } from "../../src/folk/index.js";
import { onFolkSandbox, SEEDED, unknownId } from "./folk-sandbox.js";

describe("folk sandbox: notes", () => {
  it("createNote → getNote → updateNote (only the fields sent) → listNotes finds it → deleteNote → 404", async () => {
    const { folk } = onFolkSandbox();
    const { data: created } = await unwrap(
      folk.POST("/v1/notes", { body: { entity: { id: SEEDED.company }, visibility: "public", content: "Renewal in May" } }),
    );
    expect(created).toMatchObject({
      entity: { id: SEEDED.company, entityType: "company", fullName: "Tech Corp" },
      visibility: "public",
      content: "Renewal in May",
      author: { type: "user", id: SEEDED.apiUser, deleted: false },
    });
    expect(created.id).toMatch(/^nte_[0-9a-f-]{36}$/);
    const path = { noteId: created.id };
    expect((await unwrap(folk.GET("/v1/notes/{noteId}", { params: { path } }))).data).toEqual(created);

    const { data: updated } = await unwrap(folk.PATCH("/v1/notes/{noteId}", { params: { path }, body: { visibility: "private" } }));
    expect(updated).toEqual({ ...created, visibility: "private" });

    const listed = await paginateFolk(folk, "/v1/notes", { params: { query: { "entity.id": SEEDED.company } } }).toArray();
    expect(listed).toEqual([updated]);

    expect((await unwrap(folk.DELETE("/v1/notes/{noteId}", { params: { path } }))).data).toEqual({ id: created.id });
    const gone = await unwrap(folk.GET("/v1/notes/{noteId}", { params: { path } })).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(NotFoundError);
    expect((gone as NotFoundError).message).toContain(created.id);
    expect((await folk.DELETE("/v1/notes/{noteId}", { params: { path } })).response.status).toBe(404);
  });

  it("a note on an unknown person is a 404 naming the id, and stores nothing", async () => {
    const { folk } = onFolkSandbox();
    const before = await paginateFolk(folk, "/v1/notes").toArray();
    const missing = unknownId("per");
    const { error, response } = await folk.POST("/v1/notes", { body: { entity: { id: missing }, visibility: "public", content: "Hi" } });
    expect(response.status).toBe(404);
    expect(error?.error).toMatchObject({ code: "RESOURCE_NOT_FOUND", message: `Person ${missing} was not found` });
    expect(await paginateFolk(folk, "/v1/notes").toArray()).toEqual(before);
  });

  it("a reply shows its parent, and shows it as deleted once the parent is gone", async () => {
    const { folk } = onFolkSandbox();
    const note = (content: string, parentNote?: { id: string }) =>
      unwrap(folk.POST("/v1/notes", { body: { entity: { id: SEEDED.person }, visibility: "public", content, parentNote } }));
    const { data: parent } = await note("Question");
    const { data: reply } = await note("Answer", { id: parent.id });
    expect(reply.parentNote).toMatchObject({ id: parent.id, content: "Question", deleted: false });
    await unwrap(folk.DELETE("/v1/notes/{noteId}", { params: { path: { noteId: parent.id } } }));
    const { data: read } = await unwrap(folk.GET("/v1/notes/{noteId}", { params: { path: { noteId: reply.id } } }));
    expect(read.parentNote).toEqual({ id: parent.id, deleted: true });
    const orphan = await folk.POST("/v1/notes", {
      body: { entity: { id: SEEDED.person }, visibility: "public", content: "x", parentNote: { id: parent.id } },
    });
    expect(orphan.error?.error.message).toBe(`Note ${parent.id} was not found`);
  });

  it("listNotes filters by entity, text and creation date; a date that is not one is a 422 naming it", async () => {
    const { folk } = onFolkSandbox();
    const seeded = await paginateFolk(folk, "/v1/notes", { params: { query: { "entity.id": SEEDED.person } } }).toArray();
    expect(seeded.map((n) => n.id)).toEqual([SEEDED.note]);
    expect(await paginateFolk(folk, "/v1/notes", { params: { query: { query: "ABOUT JOHN" } } }).toArray()).toEqual(seeded);
    expect(await paginateFolk(folk, "/v1/notes", { params: { query: { query: "nothing like it" } } }).toArray()).toEqual([]);
    expect(
      await paginateFolk(folk, "/v1/notes", {
        params: { query: { createdAfter: "2020-12-31T00:00:00Z", createdBefore: "2021-01-02T00:00:00Z" } },
      }).toArray(),
    ).toEqual(seeded);
    expect(await paginateFolk(folk, "/v1/notes", { params: { query: { createdAfter: "2021-01-01T00:00:00.000Z" } } }).toArray()).toEqual(
      [],
    );
    const bad = await folk.GET("/v1/notes", { params: { query: { createdAfter: "last week" } } });
    expect(bad.response.status).toBe(422);
    expect(bad.error?.error.message).toContain("createdAfter");
  });

  it("pages through 23 notes exactly once with limit 10 by following nextLink", async () => {
    const { folk } = onFolkSandbox(false);
    const { data: person } = await unwrap(folk.POST("/v1/people", { body: { fullName: "Ada Lovelace" } }));
    for (let i = 0; i < 23; i++) {
      await unwrap(folk.POST("/v1/notes", { body: { entity: { id: person.id }, visibility: "public", content: `Note ${i}` } }));
    }
    const pages = [];
    for await (const page of paginateFolk(folk, "/v1/notes", { params: { query: { limit: 10 } } }).pages()) pages.push(page);
    expect(pages.map((p) => p.data.items.length)).toEqual([10, 10, 3]);
    expect(pages.flatMap((p) => p.data.items.map((n) => n.content))).toEqual(Array.from({ length: 23 }, (_, i) => `Note ${i}`));
  });
});

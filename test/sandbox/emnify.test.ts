import { describe, expect, it } from "vitest";
import document from "../../generated/emnify.openapi.js";
import { NotFoundError, unwrap } from "../../src/core/index.js";
import { createEmnifyClient, paginateEmnify } from "../../src/emnify/index.js";
import { createSandbox } from "../../src/sandbox/index.js";
import { responseExamples } from "../../src/sandbox/spec-examples.js";
import { decodeJwt } from "./helpers/decode-jwt.js";

const CONTACTS = "/api/v1/organisation/{org_id}/contact";
const CONTACT = "/api/v1/organisation/{org_id}/contact/{contact_id}";
const ORG = 1234;
const org = { params: { path: { org_id: ORG } } };

/** A client on a fresh sandbox whose every reply is checked against the spec, and a clock the test moves. */
function onSandbox(options: { seed?: boolean; tokenTtlMs?: number } = {}) {
  let now = Date.parse("2026-01-01T00:00:00.000Z");
  const sandbox = createSandbox("emnify", { validateResponses: true, now: () => now, ...options });
  const emnify = createEmnifyClient({ applicationToken: "app-token-sandbox", fetch: sandbox.fetch, maxRetries: 0 });
  return { sandbox, emnify, advance: (ms: number) => (now += ms), now: () => now };
}

async function exchange(sandbox: ReturnType<typeof createSandbox>): Promise<string> {
  const response = await sandbox.fetch("http://x/api/v1/authenticate", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ application_token: "app-token-sandbox" }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { auth_token: string }).auth_token;
}

const invoiceContact = responseExamples(document, "createContact", 201)[0] as Record<string, unknown>;

describe("emnify sandbox: the token exchange", () => {
  it("issues a JWT whose exp is 240 minutes after iat by default, and the spec's example token decodes too", async () => {
    const { sandbox, now } = onSandbox();
    const { header, claims } = decodeJwt(await exchange(sandbox));
    expect(header).toEqual({ alg: "HS256", typ: "JWT" });
    expect(claims).toMatchObject({ iat: now() / 1000, exp: now() / 1000 + 240 * 60 });
    const [example] = responseExamples(document, "authenticate", 200) as Array<{ auth_token: string }>;
    expect(decodeJwt(example?.auth_token ?? "").claims).toMatchObject({ exp: expect.any(Number), iat: expect.any(Number) });
  });

  it("answers 401 TokenExpired once tokenTtlMs has passed, InvalidToken for a token it never issued or none", async () => {
    const { sandbox, advance } = onSandbox({ tokenTtlMs: 60_000 });
    const token = await exchange(sandbox);
    const list = (authorization?: string) =>
      sandbox.fetch(`http://x/api/v1/organisation/${ORG}/contact`, { headers: authorization ? { authorization } : {} });
    advance(59_999);
    expect((await list(`Bearer ${token}`)).status).toBe(200);
    advance(1);
    const expired = await list(`Bearer ${token}`);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ error_code: 1103, error_token: "TokenExpired", message: "Token expired" });
    for (const refused of [await list(`Bearer ${token.slice(0, -2)}xx`), await list()]) {
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ error_code: 1102, error_token: "InvalidToken" });
    }
  });

  it("refuses an empty application_token with a 422 naming it, and issues nothing", async () => {
    const { emnify } = onSandbox();
    const { response, error } = await emnify.POST("/api/v1/authenticate", { body: { application_token: "" } });
    expect(response.status).toBe(422);
    expect(error?.errors?.[0]?.message).toMatch(/^application_token /);
  });
});

describe("emnify sandbox: contacts of an organisation", () => {
  it("createContact with the spec's body answers 201 with Location and contact_id; getContact and listContacts show it", async () => {
    const { emnify } = onSandbox({ seed: false });
    const body = { type: { id: 6 }, name: "Jane", email: "jane@example.com", purchase_order_number: "PO-1" };
    const { data, response } = await emnify.POST(CONTACTS, { ...org, body });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({ ...invoiceContact, id: expect.any(Number), contact_id: String(data?.id) });
    expect(response.headers.get("location")).toBe(`/api/v1/organisation/${ORG}/contact/${data?.contact_id}`);
    const path = { org_id: ORG, contact_id: String(data?.contact_id) };
    expect(await unwrap(emnify.GET(CONTACT, { params: { path } }))).toMatchObject({ id: data?.id, name: "Jane" });
    expect((await unwrap(emnify.GET(CONTACTS, org))).map((c) => c.id)).toEqual([data?.id]);
  });

  it("refuses id or organisation_id in the body or the query string with a 422 naming it, and stores nothing", async () => {
    const { sandbox, emnify } = onSandbox({ seed: false });
    // @ts-expect-error the types refuse organisation_id too; this checks the sandbox refuses it at run time
    const inBody = await emnify.POST(CONTACTS, { ...org, body: { type: { id: 1 }, organisation_id: 99 } });
    expect(inBody.response.status).toBe(422);
    expect(inBody.error?.errors?.map((e) => e.message)).toEqual(["organisation_id must not be sent"]);
    const token = await exchange(sandbox);
    const inQuery = await sandbox.fetch(`http://x/api/v1/organisation/${ORG}/contact?id=7`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ type: { id: 1 } }),
    });
    expect(inQuery.status).toBe(422);
    expect((await inQuery.json()).errors).toEqual([{ error_code: 1403, error_token: "InvalidFormat", message: "id must not be sent" }]);
    expect(await unwrap(emnify.GET(CONTACTS, org))).toEqual([]);
  });

  it("updateContact changes only the fields sent (204); purchase_order_number on a commercial contact is a 409", async () => {
    const { emnify } = onSandbox();
    const path = { org_id: ORG, contact_id: "5678" };
    const updated = await emnify.PATCH(CONTACT, { params: { path }, body: { name: "Marcus Mayweather" } });
    expect(updated.response.status).toBe(204);
    expect(await unwrap(emnify.GET(CONTACT, { params: { path } }))).toMatchObject({
      name: "Marcus Mayweather",
      city: "Berlin",
      type: { id: 1, description: "Commercial" },
    });
    const refused = await emnify.PATCH(CONTACT, { params: { path }, body: { purchase_order_number: "PO-2" } });
    expect(refused.response.status).toBe(409);
    expect(refused.error).toMatchObject({ error_token: "NotAllowed", message: expect.stringContaining("invoice contacts") });
    expect((await unwrap(emnify.GET(CONTACT, { params: { path } }))).purchase_order_number).toBeUndefined();
  });

  it("deleteContact answers 204, then the contact is a 404 NotFound naming its id", async () => {
    const { emnify } = onSandbox();
    const path = { org_id: ORG, contact_id: "5679" };
    expect((await emnify.DELETE(CONTACT, { params: { path } })).response.status).toBe(204);
    const error = await unwrap(emnify.GET(CONTACT, { params: { path } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: "NotFound", message: expect.stringContaining("Contact with id 5679 not found") });
    expect((await emnify.DELETE(CONTACT, { params: { path } })).response.status).toBe(404);
    expect((await unwrap(emnify.GET(CONTACTS, org))).map((c) => c.id)).toEqual([5678]);
  });

  it("a type id that is none of the six contact types is a 422 InvalidReference", async () => {
    const { emnify } = onSandbox({ seed: false });
    const { response, error } = await emnify.POST(CONTACTS, { ...org, body: { type: { id: 9 } } });
    expect(response.status).toBe(422);
    expect(error?.errors).toEqual([{ error_code: 1401, error_token: "InvalidReference", message: "ContactType with id 9 not found" }]);
  });

  it("pages with Link and X-* headers; an out-of-range page is moved back to the last; the paginator reads every contact once", async () => {
    const { emnify } = onSandbox({ seed: false });
    for (let i = 0; i < 5; i++) await unwrap(emnify.POST(CONTACTS, { ...org, body: { type: { id: 1 }, name: `C${i}` } }));
    const { data, response } = await emnify.GET(CONTACTS, { params: { ...org.params, query: { page: 9, per_page: 2 } } });
    expect(data?.map((c) => c.name)).toEqual(["C4"]);
    expect(Object.fromEntries([...response.headers].filter(([name]) => name.startsWith("x-")))).toEqual({
      "x-count-per-page": "2",
      "x-current-page": "3",
      "x-total-count": "5",
      "x-total-pages": "3",
    });
    expect(response.headers.get("link")).toBe(
      [
        `</api/v1/organisation/${ORG}/contact?page=1&per_page=2>; rel="first"`,
        `</api/v1/organisation/${ORG}/contact?page=2&per_page=2>; rel="prev"`,
        `</api/v1/organisation/${ORG}/contact?page=3&per_page=2>; rel="last"`,
      ].join(", "),
    );
    const pages = [];
    for await (const page of paginateEmnify(emnify, "/api/v1/organisation/{org_id}/contact", {
      params: { path: { org_id: ORG }, query: { per_page: 2 } },
    }).pages())
      pages.push(page.contacts.map((c) => c.name));
    expect(pages).toEqual([["C0", "C1"], ["C2", "C3"], ["C4"]]);
  });

  it("keeps organisations apart: another organisation's contact is a 404", async () => {
    const { emnify } = onSandbox();
    const { response } = await emnify.GET(CONTACT, { params: { path: { org_id: 999, contact_id: "5678" } } });
    expect(response.status).toBe(404);
    expect(await unwrap(emnify.GET(CONTACTS, { params: { path: { org_id: 999 } } }))).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { unwrap } from "../../src/core/index.js";
import { createKareClient, paginateKare } from "../../src/kare/index.js";
import { createSandbox } from "../../src/sandbox/index.js";
import { decodeJwt } from "./helpers/decode-jwt.js";

const CONTACTS = "/companies/v2/rs/{companyId}/contacts";
const CONTACT = "/companies/v2/rs/{companyId}/contacts/{contactId}";
const company = { params: { path: { companyId: 42 } } };
const BASE = "https://z52mnqg347.execute-api.eu-west-3.amazonaws.com/main";

/** A logging-in client on a fresh sandbox whose every reply is checked against the spec, and a clock the test moves. */
function onSandbox(options: { seed?: boolean; sessionTtlMs?: number } = {}) {
  let now = Date.parse("2026-01-01T00:00:00.000Z");
  const sandbox = createSandbox("kare", { validateResponses: true, now: () => now, ...options });
  const kare = createKareClient({
    token: "org-token",
    email: "manager@example.com",
    password: "s3cret-pass",
    fetch: sandbox.fetch,
    maxRetries: 0,
  });
  return { sandbox, kare, advance: (ms: number) => (now += ms), now: () => now };
}

async function login(sandbox: ReturnType<typeof createSandbox>) {
  const response = await sandbox.fetch(`${BASE}/auth/v1/rs/login/credentials`, {
    method: "POST",
    headers: { authorization: "Bearer org-token", "content-type": "application/json" },
    body: JSON.stringify({ email: "manager@example.com", password: "s3cret-pass" }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { data: { accessToken: string; refreshToken: string; sessionToken: string } }).data;
}

describe("Kare sandbox: login and sessions", () => {
  it("login answers 201 with an access, a refresh and a session token, each a JWT; the session's exp is 24 hours on", async () => {
    const { sandbox, now } = onSandbox();
    const tokens = await login(sandbox);
    expect(Object.keys(tokens).sort()).toEqual(["accessToken", "refreshToken", "sessionToken"]);
    for (const token of Object.values(tokens)) expect(decodeJwt(token).claims).toMatchObject({ sub: "manager@example.com" });
    expect(decodeJwt(tokens.sessionToken).claims).toMatchObject({ iat: now() / 1000, exp: now() / 1000 + 24 * 3600 });
  });

  it("answers 401 without X-Session-Token, with one it never issued, and once sessionTtlMs has passed", async () => {
    const { sandbox, advance } = onSandbox({ sessionTtlMs: 60_000 });
    const { sessionToken, accessToken } = await login(sandbox);
    const list = (session?: string) =>
      sandbox.fetch(`${BASE}/companies/v2/rs`, {
        headers: { authorization: "Bearer org-token", ...(session ? { "x-session-token": session } : {}) },
      });
    for (const refused of [await list(), await list(accessToken), await list(`${sessionToken}x`)]) {
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ message: "Unauthorized" });
    }
    advance(59_999);
    expect((await list(sessionToken)).status).toBe(200);
    advance(1);
    expect((await list(sessionToken)).status).toBe(401);
  });
});

describe("Kare sandbox: companies and contacts", () => {
  it("lists companies by page number with totalCount and the page it served", async () => {
    const { kare } = onSandbox();
    expect(await unwrap(kare.GET("/companies/v2/rs"))).toMatchObject({
      data: [{ id: 42, name: "Résidence Les Tilleuls", contacts: [{ id: 1234 }] }],
      totalCount: 1,
      pagination: { page: 1, pageSize: 50 },
    });
    expect(await unwrap(kare.GET("/companies/v2/rs", { params: { query: { page: 2, pageSize: 1 } } }))).toEqual({
      data: [],
      totalCount: 1,
      pagination: { page: 2, pageSize: 1 },
    });
  });

  it("createContacts inserts every contact of the array and counts them; the paginator reads each once", async () => {
    const { kare } = onSandbox();
    const body = Array.from({ length: 4 }, (_, i) => ({ name: `Contact ${i}`, notify: i % 2 === 0, email: `c${i}@example.com` }));
    const { data, response } = await kare.POST(CONTACTS, { ...company, body });
    expect(response.status).toBe(201);
    expect(data).toEqual({ nbInsertion: 4 });
    const names = (await paginateKare(kare, CONTACTS, { params: { path: { companyId: 42 }, query: { pageSize: 2 } } }).toArray()).map(
      (c) => c.name,
    );
    expect(names).toEqual(["Company Contact Name", "Contact 0", "Contact 1", "Contact 2", "Contact 3"]);
    const [listed] = (await unwrap(kare.GET("/companies/v2/rs"))).data;
    expect(listed?.contacts).toHaveLength(5);
  });

  it("refuses six phones or an email outside Kare's pattern with a 400 naming the field, and inserts nothing", async () => {
    const { kare } = onSandbox();
    const sixPhones = await kare.POST(CONTACTS, {
      ...company,
      body: [{ name: "A", notify: true, phones: ["1", "2", "3", "4", "5", "6"] }],
    });
    expect(sixPhones.response.status).toBe(400);
    expect(sixPhones.error?.message).toBe("0.phones must NOT have more than 5 items");
    const badEmail = await kare.POST(CONTACTS, {
      ...company,
      body: [
        { name: "Good", notify: true },
        { name: "Bad", notify: true, email: "jane.@example.com" },
      ],
    });
    expect(badEmail.response.status).toBe(400);
    expect(badEmail.error?.message).toMatch(/^1\.email must match pattern/);
    expect((await unwrap(kare.GET(CONTACTS, company))).totalCount).toBe(1);
  });

  it("createContacts in a company that does not exist is a 404", async () => {
    const { kare } = onSandbox();
    const { response, error } = await kare.POST(CONTACTS, { params: { path: { companyId: 7 } }, body: [{ name: "A", notify: true }] });
    expect(response.status).toBe(404);
    expect(error).toEqual({ message: "Company 7 not found" });
  });

  it("updateContact changes only the fields sent; notify false clears notifyAt; a contact of another company is a 404", async () => {
    const { kare, advance, now } = onSandbox();
    await unwrap(kare.POST(CONTACTS, { ...company, body: [{ name: "Jane", notify: true, comment: "first", phones: ["+33 1"] }] }));
    const [, jane] = (await unwrap(kare.GET(CONTACTS, company))).data;
    expect(jane?.notifyAt).toBe(new Date(now()).toISOString());
    advance(1_000);
    const path = { companyId: 42, contactId: jane?.id as number };
    const updated = await unwrap(kare.PATCH(CONTACT, { params: { path }, body: { notify: false, phones: ["+33 2"] } }));
    expect(updated).toMatchObject({ name: "Jane", comment: "first", phones: ["+33 2"], notifyAt: null });
    expect(updated.updatedAt).toBe(new Date(now()).toISOString());
    const elsewhere = await kare.PATCH(CONTACT, { params: { path: { companyId: 42, contactId: 999 } }, body: { notify: true } });
    expect(elsewhere.response.status).toBe(404);
  });

  it("listContacts embeds the company with extend=company and the actions with extend=actions-info", async () => {
    const { kare } = onSandbox();
    const plain = await unwrap(kare.GET(CONTACTS, company));
    expect(plain.data[0]).not.toHaveProperty("company");
    expect(plain.data[0]).not.toHaveProperty("actions");
    const extended = await unwrap(kare.GET(CONTACTS, { params: { ...company.params, query: { extend: ["company", "actions-info"] } } }));
    expect(extended.data[0]).toMatchObject({
      company: { id: 42, name: "Résidence Les Tilleuls", createdAt: "2023-01-10T10:00:00.000Z" },
      actions: { canBeUpdated: true, canBeDeleted: true },
    });
  });

  it("answers a route it does not have as API Gateway does: 403 Missing Authentication Token", async () => {
    const { sandbox } = onSandbox();
    // Kare documents no DELETE of a company.
    const response = await sandbox.fetch(`${BASE}/companies/v2/rs/42`, {
      method: "DELETE",
      headers: { authorization: "Bearer org-token" },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ message: "Missing Authentication Token" });
  });
});

import { describe, expect, it } from "vitest";
import { BadRequestError, NotFoundError, unwrap } from "../../src/core/index.js";
import { createKareClient } from "../../src/kare/index.js";
import { createSandbox } from "../../src/sandbox/index.js";

const COMPANY = "/companies/v2/rs/{companyId}";

/** A logging-in client on a fresh sandbox whose every reply is checked against the spec, at a fixed time. */
function onSandbox() {
  const now = Date.parse("2026-01-01T00:00:00.000Z");
  const sandbox = createSandbox("kare", { validateResponses: true, now: () => now });
  const kare = createKareClient({
    token: "org-token",
    email: "m@example.com",
    password: "s3cret-pass",
    fetch: sandbox.fetch,
    maxRetries: 0,
  });
  return { kare, at: new Date(now).toISOString() };
}

describe("Kare sandbox: companies", () => {
  it("createCompany answers 201 with the stored record; getCompany reads it back with its contacts and updatableFields", async () => {
    const { kare, at } = onSandbox();
    const created = await unwrap(
      kare.POST("/companies/v2/rs", {
        body: {
          name: "Résidence B",
          type: 2,
          email: "syndic@example.com",
          phones: ["+33 1 00 00 00 00"],
          labelIds: [5],
          technicalInstallationIds: [7],
        },
      }),
    );
    expect(created).toEqual({
      id: 43,
      name: "Résidence B",
      type: 2,
      location: null,
      comment: null,
      organizationId: 1,
      archivedAt: null,
      updatedAt: at,
      createdAt: at,
    });
    await unwrap(
      kare.POST("/companies/v2/rs/{companyId}/contacts", {
        params: { path: { companyId: 43 } },
        body: [{ name: "Gardien", notify: true }],
      }),
    );
    const read = await unwrap(kare.GET(COMPANY, { params: { path: { companyId: 43 } } }));
    expect(read).toMatchObject({
      id: 43,
      email: "syndic@example.com",
      phones: ["+33 1 00 00 00 00"],
      primaryContactId: null,
      labels: [{ id: 5, name: "VIP", color: "#FF8800" }],
      technicalInstallations: [{ id: 7, tradKey: "establishment_informations.installation_ascenseurs" }],
      contacts: [{ name: "Gardien", notifyAt: at }],
      establishmentIds: [],
      updatableFields: { name: true, labelIds: true },
    });
    // The list shows the new company too, without updatableFields (the list example has none).
    const list = await unwrap(kare.GET("/companies/v2/rs", {}));
    expect(list.data.map((c) => c.id)).toEqual([42, 43]);
    expect(list.data[1]).not.toHaveProperty("updatableFields");
  });

  it("getCompany of a company that does not exist is a 404 naming it", async () => {
    const { kare } = onSandbox();
    const failure = await unwrap(kare.GET(COMPANY, { params: { path: { companyId: 999 } } })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotFoundError);
    expect((failure as NotFoundError).message).toContain("Company 999 not found");
  });

  it("createCompany naming a label or an installation the organization does not have is a 400 naming the field, and stores nothing", async () => {
    const { kare } = onSandbox();
    for (const [body, text] of [
      [{ labelIds: [5, 99] }, "labelIds: no label 99"],
      [{ technicalInstallationIds: [8] }, "technicalInstallationIds: no technical installation 8"],
    ] satisfies Array<[{ labelIds?: number[]; technicalInstallationIds?: number[] }, string]>) {
      const failure = await unwrap(kare.POST("/companies/v2/rs", { body: { name: "X", type: 1, email: "x@example.com", ...body } })).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(BadRequestError);
      expect((failure as BadRequestError).message).toContain(text);
    }
    expect((await unwrap(kare.GET("/companies/v2/rs", {}))).totalCount).toBe(1);
  });

  it("createCompany without the required email is refused before the store with Kare's 400", async () => {
    const { kare } = onSandbox();
    // @ts-expect-error email is required
    const failure = await unwrap(kare.POST("/companies/v2/rs", { body: { name: "X", type: 1 } })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BadRequestError);
    expect((failure as BadRequestError).message).toMatch(/email/);
  });
});

/**
 * Syncs one company and its contacts to Featurebase and folk. folk has no upsert, so its company and
 * people are looked up first (paginated, filtered lists). Each vendor is independent: a failed
 * company write skips that vendor's contacts; a failed contact is reported and the rest go on.
 */
import { ApiError, CrmKitError, unwrap } from "../../src/core/index.js";
import type { FeaturebaseClient } from "../../src/featurebase/index.js";
import { type FolkClient, paginateFolk } from "../../src/folk/index.js";

export interface SyncInput {
  company: { externalId: string; name: string; website?: string; industry?: string };
  contacts: Array<{ externalId: string; name: string; email: string; jobTitle?: string }>;
}

export interface SyncFailure {
  vendor: "featurebase" | "folk";
  step: string;
  /** HTTP status, or undefined for a network failure or timeout. */
  status: number | undefined;
  error: string;
}

export interface SyncReport {
  featurebase: { companyId?: string; contactsUpserted: number; attached: number; alreadyAttached: number };
  folk: { companyId?: string; companyCreated?: boolean; peopleWritten: number };
  failures: SyncFailure[];
}

/** Checks the input file's shape, naming the first field that is wrong. */
export function parseSyncInput(value: unknown, source = "input"): SyncInput {
  const fail = (where: string, what: string): never => {
    throw new TypeError(`${source}: ${where} ${what}`);
  };
  const text = (v: unknown, where: string, optional = false) => {
    if (v === undefined && optional) return;
    if (typeof v !== "string" || v.trim() === "") fail(where, "must be a non-empty string");
  };
  if (typeof value !== "object" || value === null) return fail("the top level", "must be an object with company and contacts");
  const { company, contacts } = value as Record<string, unknown>;
  if (typeof company !== "object" || company === null) return fail("company", "must be an object");
  const c = company as Record<string, unknown>;
  text(c.externalId, "company.externalId");
  text(c.name, "company.name");
  text(c.website, "company.website", true);
  text(c.industry, "company.industry", true);
  if (!Array.isArray(contacts)) return fail("contacts", "must be an array");
  contacts.forEach((contact: unknown, i) => {
    const k = (contact ?? {}) as Record<string, unknown>;
    text(k.externalId, `contacts[${i}].externalId`);
    text(k.name, `contacts[${i}].name`);
    text(k.email, `contacts[${i}].email`);
    if (typeof k.email === "string" && !k.email.includes("@")) fail(`contacts[${i}].email`, "is not an email address");
    text(k.jobTitle, `contacts[${i}].jobTitle`, true);
  });
  return value as SyncInput;
}

export async function syncCompany(input: SyncInput, clients: { featurebase: FeaturebaseClient; folk: FolkClient }): Promise<SyncReport> {
  const report: SyncReport = {
    featurebase: { contactsUpserted: 0, attached: 0, alreadyAttached: 0 },
    folk: { peopleWritten: 0 },
    failures: [],
  };
  const attempt = async <T>(vendor: SyncFailure["vendor"], step: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof CrmKitError)) throw error; // a bug, not an API failure
      report.failures.push({
        vendor,
        step,
        status: error instanceof ApiError ? error.status : undefined,
        error: `${error.name}: ${error.message}`,
      });
      return undefined;
    }
  };
  await Promise.all([syncFeaturebase(input, clients.featurebase, report, attempt), syncFolk(input, clients.folk, report, attempt)]);
  return report;
}

type Attempt = <T>(vendor: SyncFailure["vendor"], step: string, work: () => Promise<T>) => Promise<T | undefined>;

async function syncFeaturebase(input: SyncInput, featurebase: FeaturebaseClient, report: SyncReport, attempt: Attempt) {
  const { company: c } = input;
  const company = await attempt("featurebase", "upsert company", () =>
    unwrap(
      featurebase.POST("/v2/companies", { body: { companyId: c.externalId, name: c.name, website: c.website, industry: c.industry } }),
    ),
  );
  if (!company) return;
  report.featurebase.companyId = company.id;
  for (const person of input.contacts) {
    const contact = await attempt("featurebase", `upsert contact ${person.email}`, () =>
      unwrap(
        featurebase.POST("/v2/contacts", {
          body: { email: person.email, userId: person.externalId, name: person.name },
        }),
      ),
    );
    if (!contact) continue;
    report.featurebase.contactsUpserted += 1;
    // The upserted contact embeds its companies: attach only when this one is missing.
    if (contact.companies?.some((linked) => linked.id === company.id)) {
      report.featurebase.alreadyAttached += 1;
      continue;
    }
    const done = await attempt("featurebase", `attach contact ${person.email}`, () =>
      unwrap(featurebase.POST("/v2/companies/{id}/contacts", { params: { path: { id: company.id } }, body: { contactId: contact.id } })),
    );
    if (done) report.featurebase.attached += 1;
  }
}

async function syncFolk(input: SyncInput, folk: FolkClient, report: SyncReport, attempt: Attempt) {
  const { company: c } = input;
  // folk company names are unique: find the company by name, then update it or create it.
  const existing = await attempt("folk", "find company", () =>
    paginateFolk(folk, "/v1/companies", { params: { query: { filter: { name: { eq: c.name } }, limit: 1 } } }, { maxItems: 1 }).toArray(),
  );
  if (!existing) return;
  const fields = { name: c.name, ...(c.website ? { urls: [c.website] } : {}), ...(c.industry ? { industry: c.industry } : {}) };
  const found = existing[0];
  const written = await attempt("folk", found ? "update company" : "create company", () =>
    found
      ? unwrap(folk.PATCH("/v1/companies/{companyId}", { params: { path: { companyId: found.id } }, body: fields }))
      : unwrap(folk.POST("/v1/companies", { body: fields })),
  );
  if (!written) return;
  report.folk.companyId = written.data.id;
  report.folk.companyCreated = !found;
  for (const person of input.contacts) {
    const [firstName, ...rest] = person.name.split(" ");
    const body = {
      firstName,
      lastName: rest.join(" "),
      emails: [person.email],
      ...(person.jobTitle ? { jobTitle: person.jobTitle } : {}),
      companies: [{ id: written.data.id }],
    };
    // Upsert by email: update the person folk already has, else create one.
    const done = await attempt("folk", `upsert person ${person.email}`, async () => {
      const [match] = await paginateFolk(
        folk,
        "/v1/people",
        { params: { query: { filter: { emails: { eq: person.email } }, limit: 1 } } },
        { maxItems: 1 },
      ).toArray();
      return match
        ? unwrap(folk.PATCH("/v1/people/{personId}", { params: { path: { personId: match.id } }, body }))
        : unwrap(folk.POST("/v1/people", { body }));
    });
    if (done) report.folk.peopleWritten += 1;
  }
}

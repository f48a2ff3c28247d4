/**
 * Syncs every Featurebase company to folk, as a nightly job would: read both sides (paginated lists), then create
 * in folk what it lacks and update what differs, each write counted by a progress tracker. folk has no upsert and
 * its company names are unique, so a company is matched by name. The writes are fired together: the folk client's
 * rateLimit and maxConcurrency decide when each one goes, so the job never has to handle a 429 itself.
 */
import { ApiError, CrmKitError, type ProgressTracker, unwrap } from "../../src/core/index.js";
import { type FeaturebaseClient, paginateFeaturebase } from "../../src/featurebase/index.js";
import { type FolkClient, paginateFolk } from "../../src/folk/index.js";

/** What a bulk sync did. */
export interface BulkSyncReport {
  /** Companies read from Featurebase. */
  read: number;
  created: number;
  updated: number;
  /** Companies folk already had as they are: no call made. */
  unchanged: number;
  /** Writes that failed, with their typed error. */
  failures: Array<{ name: string; status: number | undefined; error: string }>;
}

type SourceCompany = { name: string; website?: string | null | undefined; industry?: string | null | undefined };

/** The folk fields a Featurebase company maps to. */
function folkFields(company: SourceCompany) {
  return { name: company.name, urls: company.website ? [company.website] : [], industry: company.industry ?? null };
}

/**
 * Reads Featurebase's companies and writes to folk what differs. The number of writes is the progress total, set
 * before any is made; each write goes through `progress.track`.
 */
export async function syncAllCompanies(
  clients: { featurebase: FeaturebaseClient; folk: FolkClient },
  progress: ProgressTracker,
): Promise<BulkSyncReport> {
  const [source, target] = await Promise.all([
    paginateFeaturebase(clients.featurebase, "/v2/companies", { params: { query: { limit: 100 } } }).toArray(),
    paginateFolk(clients.folk, "/v1/companies", { params: { query: { limit: 100 } } }).toArray(),
  ]);
  const inFolk = new Map(target.map((company) => [company.name, company]));
  const report: BulkSyncReport = { read: source.length, created: 0, updated: 0, unchanged: 0, failures: [] };
  const planned = source.flatMap((company) => {
    const fields = folkFields(company);
    const existing = inFolk.get(company.name);
    const same = existing && existing.industry === fields.industry && existing.urls.join(" ") === fields.urls.join(" ");
    if (same) report.unchanged += 1;
    return same ? [] : [{ fields, existing }];
  });
  progress.setTotal(planned.length);
  const write = async ({ fields, existing }: (typeof planned)[number]) => {
    try {
      await progress.track(
        existing
          ? unwrap(clients.folk.PATCH("/v1/companies/{companyId}", { params: { path: { companyId: existing.id } }, body: fields }))
          : unwrap(clients.folk.POST("/v1/companies", { body: fields })),
      );
      report[existing ? "updated" : "created"] += 1;
    } catch (error) {
      if (!(error instanceof CrmKitError)) throw error; // a bug, not an API failure
      const status = error instanceof ApiError ? error.status : undefined;
      report.failures.push({ name: fields.name, status, error: `${error.name}: ${error.message}` });
    }
  };
  await Promise.all(planned.map(write));
  return report;
}

/** `count` companies with the fields a sync carries over, the same on every run: acct_0001 … */
export function sampleCompanies(count: number): Array<{ companyId: string; name: string; website: string; industry: string }> {
  const industries = ["Software", "Logistics", "Healthcare", "Retail", "Energy"];
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, "0");
    return {
      companyId: `acct_${n}`,
      name: `Company ${n}`,
      website: `https://company-${n}.example.com`,
      industry: industries[i % 5] as string,
    };
  });
}

/** Upserts the companies into Featurebase (by companyId, so running it again changes nothing). */
export async function seedFeaturebase(featurebase: FeaturebaseClient, companies: ReturnType<typeof sampleCompanies>): Promise<void> {
  await Promise.all(companies.map((body) => unwrap(featurebase.POST("/v2/companies", { body }))));
}

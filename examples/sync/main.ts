/**
 * Syncs the company in a JSON file to Featurebase and folk and prints the report.
 *   FEATUREBASE_API_KEY=… FOLK_API_KEY=… npx tsx examples/sync/main.ts examples/sync/acme.json
 * FEATUREBASE_BASE_URL and FOLK_BASE_URL point it elsewhere (a mock, a proxy).
 */
import { readFileSync } from "node:fs";
import { isEntryPoint } from "../../scripts/lib/entry-point.js";
import { createFeaturebaseClient } from "../../src/featurebase/index.js";
import { createFolkClient } from "../../src/folk/index.js";
import { parseSyncInput, type SyncReport, syncCompany } from "./sync.js";

export async function runSync(file: string, env: NodeJS.ProcessEnv): Promise<SyncReport> {
  const missing = ["FEATUREBASE_API_KEY", "FOLK_API_KEY"].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`set ${missing.join(" and ")} (or run \`npm run example\` to use the sandboxes)`);
  const input = parseSyncInput(JSON.parse(readFileSync(file, "utf8")), file);
  return syncCompany(input, {
    featurebase: createFeaturebaseClient({ apiKey: env.FEATUREBASE_API_KEY as string, baseUrl: env.FEATUREBASE_BASE_URL }),
    folk: createFolkClient({ apiKey: env.FOLK_API_KEY as string, baseUrl: env.FOLK_BASE_URL }),
  });
}

export function printReport(report: SyncReport): void {
  const fb = report.featurebase;
  console.log(
    `featurebase: company ${fb.companyId ?? "not written"}, ${fb.contactsUpserted} contact(s) upserted, ${fb.attached} attached, ${fb.alreadyAttached} already attached`,
  );
  console.log(
    `folk:        company ${report.folk.companyId ?? "not written"}${report.folk.companyCreated ? " (created)" : ""}, ${report.folk.peopleWritten} people written`,
  );
  for (const f of report.failures) console.log(`  failed: ${f.vendor} ${f.step}: ${f.error}`);
}

if (isEntryPoint(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: tsx examples/sync/main.ts <company.json>");
    process.exit(2);
  }
  try {
    const report = await runSync(file, process.env);
    printReport(report);
    process.exitCode = report.failures.length > 0 ? 1 : 0;
  } catch (error) {
    console.error(`sync: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

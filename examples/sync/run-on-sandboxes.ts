/**
 * `npm run example`: serves the Featurebase and folk sandboxes over HTTP, and
 *  1. syncs examples/sync/acme.json to them twice (the second run finds and updates what the first wrote);
 *  2. syncs 1,000 companies from a Featurebase sandbox to a folk sandbox that enforce the vendors' documented limits
 *     scaled down 10x (BULK_LIMITS), with a live progress line and a summary;
 * then stops them. `SYNC_COMPANIES=5000 npm run example` syncs another number.
 */
import { fileURLToPath } from "node:url";
import { trackProgress } from "../../src/core/index.js";
import { createFeaturebaseClient } from "../../src/featurebase/index.js";
import { createFolkClient } from "../../src/folk/index.js";
import { createSandbox, type SandboxServer } from "../../src/sandbox/index.js";
import { sampleCompanies, seedFeaturebase, syncAllCompanies } from "./bulk.js";
import { printReport, runSync } from "./main.js";
import { formatDuration, meanWait, progressLine } from "./progress-line.js";

/**
 * The vendors' documented limits, 10x faster so that a sync of 1,000 finishes in about half a minute: folk allows
 * 200 calls a minute (here 200 per 6 s), Featurebase 2,000 a minute per key (here 2,000 per 6 s). The sandboxes
 * answer 429 past them; the clients pace themselves to the same figures.
 */
const BULK_LIMITS = { folk: { limit: 200, windowMs: 6_000 }, featurebase: { limit: 2_000, windowMs: 6_000 } };

const servers: SandboxServer[] = [];
const stopServers = () => Promise.allSettled(servers.splice(0).map((s) => s.close()));
// Ctrl-C while the sync runs still stops the servers.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void stopServers().then(() => process.exit(130)));
}

async function syncOneCompanyTwice(): Promise<boolean> {
  const [featurebase, folk] = await Promise.all([createSandbox("featurebase").listen(), createSandbox("folk").listen()]);
  servers.push(featurebase, folk);
  const env = {
    FEATUREBASE_API_KEY: "sk_sandbox",
    FEATUREBASE_BASE_URL: featurebase.url,
    FOLK_API_KEY: "folk_sandbox",
    FOLK_BASE_URL: folk.url,
  };
  let failed = false;
  for (const run of ["first run", "second run (finds and updates what the first wrote)"]) {
    console.log(`${run}:`);
    const report = await runSync(fileURLToPath(new URL("acme.json", import.meta.url)), env);
    printReport(report);
    failed ||= report.failures.length > 0;
  }
  return !failed;
}

async function syncManyCompanies(count: number): Promise<boolean> {
  const sourceSandbox = createSandbox("featurebase", { seed: false, rateLimit: BULK_LIMITS.featurebase });
  const [source, target] = await Promise.all([
    sourceSandbox.listen(),
    createSandbox("folk", { seed: false, rateLimit: BULK_LIMITS.folk }).listen(),
  ]);
  servers.push(source, target);
  // Seeded through its API, in process (the HTTP round trips would only slow the setup down).
  const seeding = performance.now();
  await seedFeaturebase(createFeaturebaseClient({ apiKey: "sk_sandbox", fetch: sourceSandbox.fetch }), sampleCompanies(count));
  console.log(
    `seeded ${count.toLocaleString("en-US")} companies into the Featurebase sandbox in ${formatDuration(performance.now() - seeding)}`,
  );
  console.log(
    `syncing them to the folk sandbox at folk's documented limit scaled 10x (${BULK_LIMITS.folk.limit} calls per ${BULK_LIMITS.folk.windowMs / 1_000} s):`,
  );
  const featurebase = createFeaturebaseClient({ apiKey: "sk_sandbox", baseUrl: source.url, rateLimit: BULK_LIMITS.featurebase });
  // The tracker starts here, so that its elapsed time and rate are the sync's alone.
  const interactive = process.stdout.isTTY === true;
  const progress = trackProgress({
    onProgress: progressLine(process.stdout, "companies"),
    // A TTY line can change often; a log gets a line every 2 s.
    intervalMs: interactive ? 250 : 2_000,
    // Writes go in bursts, one per window of the limit: measured over a window, the rate is steady.
    rateWindowMs: BULK_LIMITS.folk.windowMs,
  });
  const folk = createFolkClient({
    apiKey: "folk_sandbox",
    baseUrl: target.url,
    rateLimit: BULK_LIMITS.folk,
    maxConcurrency: 10,
    logger: progress.logger,
  });

  const report = await syncAllCompanies({ featurebase, folk }, progress);
  const last = progress.finish();

  const synced = report.created + report.updated + report.unchanged;
  console.log(
    `synced ${synced.toLocaleString("en-US")} of ${report.read.toLocaleString("en-US")} companies in ${formatDuration(last.elapsedMs)}: ` +
      `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.failures.length} failed`,
  );
  console.log(
    `pacing: ${last.waits} calls waited for their turn (${meanWait(last)} on average), ${last.rateLimited} x 429, ${last.retries} retries`,
  );
  for (const f of report.failures.slice(0, 5)) console.log(`  failed: ${f.name}: ${f.error}`);
  if (report.failures.length > 5) console.log(`  … and ${report.failures.length - 5} more`);
  return report.failures.length === 0 && synced === count;
}

try {
  const count = Number(process.env.SYNC_COMPANIES ?? 1_000);
  if (!Number.isSafeInteger(count) || count < 1)
    throw new Error(`SYNC_COMPANIES must be a positive integer, got ${process.env.SYNC_COMPANIES}`);
  console.log("1. one company and its contacts, to Featurebase and folk\n");
  const one = await syncOneCompanyTwice();
  console.log(`\n2. ${count.toLocaleString("en-US")} companies, from Featurebase to folk\n`);
  const many = await syncManyCompanies(count);
  process.exitCode = one && many ? 0 : 1;
} catch (error) {
  console.error(`example: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await stopServers();
}

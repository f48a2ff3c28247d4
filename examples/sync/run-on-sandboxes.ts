/**
 * `npm run example`: serves the Featurebase and folk sandboxes over HTTP, syncs examples/sync/acme.json to
 * them twice (the second run finds and updates what the first wrote), and stops them.
 */
import { fileURLToPath } from "node:url";
import { createSandbox, type SandboxServer } from "../../src/sandbox/index.js";
import { printReport, runSync } from "./main.js";

const servers: SandboxServer[] = [];
const stopServers = () => Promise.allSettled(servers.map((s) => s.close()));
// Ctrl-C while the sync runs still stops the servers.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void stopServers().then(() => process.exit(130)));
}

try {
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
  process.exitCode = failed ? 1 : 0;
} catch (error) {
  console.error(`example: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await stopServers();
}

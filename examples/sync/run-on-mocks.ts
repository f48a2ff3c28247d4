/** `npm run example`: starts Featurebase and folk mocks, syncs examples/sync/acme.json to them, stops them. */
import { fileURLToPath } from "node:url";
import { loadApis } from "../../scripts/lib/api-registry.js";
import { type RunningPrism, startPrism } from "../../scripts/lib/prism.js";
import { printReport, runSync } from "./main.js";

const mocks = new Map<string, RunningPrism>();
const stopMocks = () => Promise.allSettled([...mocks.values()].map((m) => m.stop()));
// Ctrl-C while the sync runs still stops the mocks.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void stopMocks().then(() => process.exit(130)));
}

try {
  for (const api of loadApis().filter((a) => a.name === "featurebase" || a.name === "folk")) {
    mocks.set(api.name, await startPrism({ name: api.name, spec: api.root }));
  }
  const report = await runSync(fileURLToPath(new URL("acme.json", import.meta.url)), {
    FEATUREBASE_API_KEY: "sk_mock_key",
    FEATUREBASE_BASE_URL: mocks.get("featurebase")?.url,
    FOLK_API_KEY: "folk_mock",
    FOLK_BASE_URL: mocks.get("folk")?.url,
  });
  printReport(report);
  process.exitCode = report.failures.length > 0 ? 1 : 0;
} catch (error) {
  console.error(`example: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await stopMocks();
}

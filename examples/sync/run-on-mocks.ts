/** `npm run example`: starts Featurebase and folk mocks, syncs examples/sync/acme.json to them, stops them. */
import { fileURLToPath } from "node:url";
import { loadApis } from "../../scripts/lib/api-registry.js";
import { type RunningPrism, startPrism } from "../../scripts/lib/prism.js";
import { printReport, runSync } from "./main.js";

const mocks: RunningPrism[] = [];
try {
  for (const api of loadApis().filter((a) => a.name === "featurebase" || a.name === "folk")) {
    mocks.push(await startPrism({ name: api.name, spec: api.root }));
  }
  const [featurebase, folk] = mocks;
  const report = await runSync(fileURLToPath(new URL("acme.json", import.meta.url)), {
    FEATUREBASE_API_KEY: "sk_mock",
    FEATUREBASE_BASE_URL: featurebase?.url,
    FOLK_API_KEY: "folk_mock",
    FOLK_BASE_URL: folk?.url,
  });
  printReport(report);
  process.exitCode = report.failures.length > 0 ? 1 : 0;
} catch (error) {
  console.error(`example: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await Promise.all(mocks.map((m) => m.stop()));
}

/**
 * npm run contract:live
 * Makes the read-only calls of every API whose credentials are set (FEATUREBASE_API_KEY, FOLK_API_KEY,
 * EMNIFY_APPLICATION_TOKEN + EMNIFY_ORG_ID, KARE_TOKEN + KARE_SESSION_TOKEN or KARE_EMAIL/KARE_PASSWORD) with
 * the crm-kit clients, to the real API through Prism in proxy mode, and reports where requests or responses
 * (the clients' logins included) break the spec.
 * CRM_KIT_LIVE_UPSTREAM_<API> points an API at another host. Exits 1 on any violation or failed call.
 */
import { loadApis } from "./lib/api-registry.js";
import { runContractLive, summarizeLive } from "./lib/contract-live.js";

// Ctrl-C or a CI timeout: exiting runs startPrism's exit hook, which kills every Prism still running.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

const result = await runContractLive({ apis: loadApis(), env: process.env, log: (line) => console.log(line) });
const { lines, failed } = summarizeLive(result);
console.log(lines.join("\n"));
process.exitCode = failed ? 1 : 0;

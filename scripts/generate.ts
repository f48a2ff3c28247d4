/**
 * Writes generated/<api>.ts for every API in redocly.yaml with openapi-typescript.
 *   npm run generate          write the files
 *   npm run generate:check    fail, naming the stale files, when a spec changed and its types were not regenerated
 *   npm run generate -- folk  only the named APIs
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { getMergedConfig, loadConfig } from "@redocly/openapi-core";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import { type ApiEntry, loadApis, repoRoot } from "./lib/api-registry.js";

export async function renderTypes(api: ApiEntry): Promise<string> {
  // The API's own rule overrides apply, as they do in `npm run lint`.
  const redocly = getMergedConfig(await loadConfig({ configPath: `${repoRoot}/redocly.yaml` }), api.name);
  // A field with a default may be omitted by the caller: keep it optional in the types.
  const ast = await openapiTS(pathToFileURL(api.root), { redocly, silent: true, defaultNonNullable: false });
  const provenance = `// Generated from ${relative(repoRoot, api.root)} by \`npm run generate\`.\n\n`;
  return `${COMMENT_HEADER}${provenance}${astToString(ast)}`;
}

async function main(check: boolean, only: string[]) {
  const apis = loadApis();
  const unknown = only.filter((name) => !apis.some((a) => a.name === name));
  if (unknown.length > 0) throw new Error(`generate: unknown API ${unknown.join(", ")} (known: ${apis.map((a) => a.name).join(", ")})`);
  const stale: string[] = [];
  for (const api of apis.filter((a) => only.length === 0 || only.includes(a.name))) {
    const started = performance.now();
    const types = await renderTypes(api);
    const target = relative(repoRoot, api.output);
    if (check) {
      const current = existsSync(api.output) ? readFileSync(api.output, "utf8") : null;
      if (current !== types) stale.push(`${target} (${current === null ? "missing" : "differs from"} ${relative(repoRoot, api.root)})`);
      continue;
    }
    mkdirSync(dirname(api.output), { recursive: true });
    writeFileSync(api.output, types);
    console.log(`${api.name} -> ${target} (${Math.round(performance.now() - started)} ms)`);
  }
  if (check) {
    if (stale.length > 0) {
      console.error(`Generated types are out of date; run \`npm run generate\` and commit the result:\n  ${stale.join("\n  ")}`);
      process.exitCode = 1;
    } else {
      console.log("generated/ is up to date with specs/.");
    }
  }
}

const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith("-"));
if (flags.some((f) => f !== "--check")) {
  console.error(`generate: unknown option ${flags.join(" ")}; usage: generate [--check] [api ...]`);
  process.exit(2);
}
await main(
  args.includes("--check"),
  args.filter((a) => !a.startsWith("-")),
);

/**
 * The public type surface of every package entry, checked against the reports committed in api/: compiles the
 * declarations from src/ (into reports/api/), runs Microsoft's api-extractor on each entry that package.json
 * exports, and fails, naming the entry, when its surface differs from api/<entry>.api.md.
 *   npm run check:api             compare (CI)
 *   npm run check:api -- --update accept the change: rewrite the reports, to commit with the change
 *   npm run check:api -- --reports <dir>   compare with the reports in another folder (the script's own test)
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Extractor, ExtractorConfig, type IConfigFile } from "@microsoft/api-extractor";
import { repoRoot } from "./lib/api-registry.js";
import { isEntryPoint } from "./lib/entry-point.js";

let reportFolder = join(repoRoot, "api");
const declarations = join(repoRoot, "reports", "api");

/** Each exported entry (`.`, `./folk`, …) with its report name and its declaration file under src/. */
export function publicEntries(): Array<{ entry: string; name: string; types: string }> {
  const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
    exports: Record<string, string | { types?: string }>;
  };
  return Object.entries(manifest.exports).flatMap(([entry, target]) => {
    if (typeof target === "string" || !target.types) return [];
    const name = entry === "." ? "crm-kit" : `crm-kit-${entry.slice(2)}`;
    return [{ entry, name, types: target.types.replace(/^\.\/dist\//, "") }];
  });
}

function compileDeclarations(): void {
  rmSync(declarations, { recursive: true, force: true });
  mkdirSync(declarations, { recursive: true });
  const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  const args = [tsc, "-p", "tsconfig.build.json", "--emitDeclarationOnly", "--outDir", declarations];
  try {
    execFileSync(process.execPath, args, { cwd: repoRoot, encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    throw new Error(`check:api: tsc ${args.slice(1).join(" ")} failed:\n${(error as { stdout?: string }).stdout ?? error}`);
  }
}

function extract(entry: { entry: string; name: string; types: string }, update: boolean): boolean {
  const configObject: IConfigFile = {
    projectFolder: repoRoot,
    newlineKind: "lf",
    mainEntryPointFilePath: join(declarations, entry.types),
    compiler: { tsconfigFilePath: join(repoRoot, "tsconfig.build.json") },
    apiReport: { enabled: true, reportFileName: `${entry.name}.api.md`, reportFolder, reportTempFolder: join(declarations, "temp") },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: {
      // crm-kit marks no release stages (@public, @beta): 0.x, everything exported is public.
      extractorMessageReporting: {
        "ae-missing-release-tag": { logLevel: "none" as never },
        "ae-forgotten-export": { logLevel: "none" as never, addToApiReportFile: true },
      },
      tsdocMessageReporting: { default: { logLevel: "none" as never } },
      compilerMessageReporting: { default: { logLevel: "warning" as never } },
    },
  };
  const config = ExtractorConfig.prepare({
    configObject,
    configObjectFullPath: join(repoRoot, "api", `${entry.name}.api-extractor.json`),
    packageJsonFullPath: join(repoRoot, "package.json"),
  });
  const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false, messageCallback: quiet });
  if (result.apiReportChanged && !update) {
    console.error(
      `check:api: the public surface of ${entry.name === "crm-kit" ? "crm-kit" : `crm-kit/${entry.entry.slice(2)}`} changed; ` +
        `compare ${relative(repoRoot, join(reportFolder, `${entry.name}.api.md`))} with ${relative(repoRoot, join(declarations, "temp", `${entry.name}.api.md`))}. ` +
        "If the change is meant, run npm run check:api -- --update, commit the report, and record the change in CHANGELOG.md.",
    );
    return false;
  }
  if (!result.succeeded) {
    console.error(`check:api: api-extractor failed on ${entry.name} (${result.errorCount} errors)`);
    return false;
  }
  return true;
}

/** api-extractor's "Analysis will use the bundled TypeScript version" notes are not findings. */
function quiet(message: { logLevel: string; text: string; handled: boolean }): void {
  if (message.logLevel === "info" || message.logLevel === "verbose") message.handled = true;
}

if (isEntryPoint(import.meta.url)) {
  const { values } = parseArgs({ options: { update: { type: "boolean" }, reports: { type: "string" } } });
  if (values.reports) reportFolder = resolve(values.reports);
  compileDeclarations();
  if (values.update) mkdirSync(reportFolder, { recursive: true });
  const failed = publicEntries().filter((entry) => !extract(entry, values.update === true));
  if (failed.length > 0) process.exit(1);
  console.log(`check:api: ${publicEntries().length} entries ${values.update ? "recorded in" : "match"} api/`);
}

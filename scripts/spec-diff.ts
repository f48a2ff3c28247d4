/**
 * npm run spec:diff -- --base <git-ref>
 * Lists the breaking changes of every spec since <git-ref> and exits 1 when one of them is not allowed
 * by a raised major version (2 on a usage error).
 */
import { parseArgs } from "node:util";
import { repoRoot } from "./lib/api-registry.js";
import { diffSpecs, formatSpecDiff, SpecDiffUsageError } from "./lib/spec-diff.js";

const usage = "Usage: npm run spec:diff -- --base <git-ref>   (e.g. --base HEAD~1, --base origin/main)";

try {
  const { values } = parseArgs({ options: { base: { type: "string" } }, strict: true, allowPositionals: false });
  if (!values.base) throw new SpecDiffUsageError(`spec:diff: missing --base <git-ref>: which commit to compare the specs with.\n${usage}`);
  const { lines, failed } = formatSpecDiff(await diffSpecs(repoRoot, values.base));
  console.log(lines.join("\n"));
  process.exitCode = failed ? 1 : 0;
} catch (error) {
  if (error instanceof SpecDiffUsageError) {
    console.error(error.message);
  } else if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
    console.error(`spec:diff: ${error.message}\n${usage}`);
  } else {
    throw error;
  }
  process.exitCode = 2;
}

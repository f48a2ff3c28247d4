/**
 * `npm run bench`: measures client overhead, bundle size, codegen time, contract-suite time, where the time of
 * `npm test` and `npm run test:e2e` goes, and the sandboxes at 100,000 records (scale), writes
 * bench/RESULTS.md and prints the table. A missed target is reported, not an error: the exit code is 0 unless a
 * measurement itself failed.
 *   npm run bench                         everything; writes bench/RESULTS.md
 *   npm run bench -- --only overhead,size  some sections; prints only (RESULTS.md always holds a full run)
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../scripts/lib/api-registry.js";
import { describeMachine, loadAverage } from "./lib/machine.js";
import { measureOverhead } from "./overhead/measure-overhead.js";
import { measureTransportSteps } from "./overhead/transport-steps.js";
import { measureWireSteps } from "./overhead/wire-steps.js";
import { measurePacing } from "./pacing/measure-pacing.js";
import { type BenchResults, renderConsole, renderMarkdown } from "./report.js";
import { measureScale } from "./scale/measure-scale.js";
import { measureSizes } from "./size/measure-size.js";
import { measureCodegen } from "./timing/measure-codegen.js";
import { measureContractSuite } from "./timing/measure-contract-suite.js";
import { measureTestSuite } from "./timing/measure-test-suite.js";

const SECTIONS = ["overhead", "size", "codegen", "contract", "suite", "scale", "pacing"] as const;
type Section = (typeof SECTIONS)[number];

function parseSections(args: string[]): Section[] {
  const at = args.indexOf("--only");
  const unknownFlag = args.find((a, i) => a.startsWith("-") && a !== "--only" && i !== at + 1);
  if (unknownFlag) usage(`unknown option ${unknownFlag}`);
  if (at === -1) return [...SECTIONS];
  const names = (args[at + 1] ?? "").split(",").filter(Boolean);
  const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0)
    usage(`--only takes a comma-separated list of ${SECTIONS.join(", ")}${unknown.length ? `; unknown: ${unknown.join(", ")}` : ""}`);
  return names as Section[];
}

function usage(problem: string): never {
  console.error(`bench: ${problem}\nusage: npm run bench [-- --only ${SECTIONS.join(",")}]`);
  process.exit(2);
}

const sections = parseSections(process.argv.slice(2));
const started = performance.now();
const results: BenchResults = { machine: describeMachine(), failures: [], benchSeconds: 0 };

async function section<T>(name: Section, run: () => Promise<T>): Promise<{ result: T; load: string } | undefined> {
  if (!sections.includes(name)) return undefined;
  const load = loadAverage();
  console.error(`bench: measuring ${name} (load average ${load}) …`);
  try {
    return { result: await run(), load };
  } catch (error) {
    results.failures.push({ section: name, message: error instanceof Error ? error.message : String(error) });
    console.error(`bench: ${name} could not be measured:`, error);
    return undefined;
  }
}

const overhead = await section("overhead", () => measureOverhead());
if (overhead) {
  // Only when a client misses the target: then RESULTS.md names the transport steps that cost most.
  const missed = overhead.result.vendors.some((v) => !v.pass);
  const steps = missed ? { wire: await measureWireSteps(), inProcess: await measureTransportSteps() } : undefined;
  results.overhead = { ...overhead, steps };
}
results.size = await section("size", () => measureSizes());
results.codegen = await section("codegen", () => measureCodegen());
results.contract = await section("contract", () => measureContractSuite());
results.suite = await section("suite", () => measureTestSuite());
results.scale = await section("scale", () => measureScale());
results.pacing = await section("pacing", () => measurePacing());
results.benchSeconds = (performance.now() - started) / 1000;

console.log(renderConsole(results));
if (sections.length === SECTIONS.length) {
  const path = join(repoRoot, "bench", "RESULTS.md");
  writeFileSync(path, renderMarkdown(results));
  console.log(`\nWrote bench/RESULTS.md (bench took ${results.benchSeconds.toFixed(0)} s).`);
} else {
  console.log(`\nbench/RESULTS.md not written: only ${sections.join(", ")} measured.`);
}
process.exitCode = results.failures.length > 0 ? 1 : 0;

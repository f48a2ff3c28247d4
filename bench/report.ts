/** Renders the bench's figures as bench/RESULTS.md and as the table printed at the end of `npm run bench`. */
import type { Machine } from "./lib/machine.js";
import type { Summary } from "./lib/stats.js";
import { OVERHEAD_TARGET, type OverheadResult } from "./overhead/measure-overhead.js";
import type { TransportSteps } from "./overhead/transport-steps.js";
import type { WireSteps } from "./overhead/wire-steps.js";
import type { PacingResult } from "./pacing/measure-pacing.js";
import { pacingChecks, pacingSection } from "./pacing/report-pacing.js";
import type { ScaleResult } from "./scale/measure-scale.js";
import { scaleChecks, scaleSection } from "./scale/report-scale.js";
import { SIZE_TARGET_BYTES, type SizeResult, type VendorBundle } from "./size/measure-size.js";
import { moduleNote } from "./size/module-notes.js";
import { CODEGEN_TARGET_MS, type CodegenTiming } from "./timing/measure-codegen.js";
import { CONTRACT_TARGET_MS, type ContractSuiteTiming } from "./timing/measure-contract-suite.js";
import { NPM_TEST_TARGET_MS, type TestSuiteTiming } from "./timing/measure-test-suite.js";

/** One section's figures and the 1-minute load average when it started. */
export interface Measured<T> {
  result: T;
  load: string;
}

export interface BenchResults {
  machine: Machine;
  /** `steps` is measured only when a client misses the overhead target. */
  overhead?: Measured<OverheadResult> & { steps?: { wire: WireSteps; inProcess: TransportSteps } | undefined };
  size?: Measured<SizeResult>;
  codegen?: Measured<CodegenTiming>;
  contract?: Measured<ContractSuiteTiming>;
  suite?: Measured<TestSuiteTiming>;
  scale?: Measured<ScaleResult>;
  pacing?: Measured<PacingResult>;
  /** Sections that could not be measured, with why. */
  failures: { section: string; message: string }[];
  benchSeconds: number;
}

export interface TargetCheck {
  target: string;
  measured: string;
  pass: boolean;
}

const micros = (ms: number): string => (ms * 1000).toFixed(1);
const ratio = (value: number): string => `${value.toFixed(2)}×`;
const kB = (bytes: number): string => `${(bytes / 1024).toFixed(2)} kB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const verdict = (pass: boolean): string => (pass ? "pass" : "**MISSED**");

/** A markdown table whose columns are padded, so that it reads in a terminal too. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function targetChecks(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const v of results.overhead?.result.vendors ?? []) {
    checks.push({
      target: `${v.api} GET median ≤ ${OVERHEAD_TARGET.toFixed(2)} × bare openapi-fetch`,
      measured: ratio(v.vsOpenapiFetch),
      pass: v.pass,
    });
  }
  for (const b of results.size?.result.vendors ?? []) {
    checks.push({ target: `${b.api} bundle ≤ ${kB(SIZE_TARGET_BYTES)} min+gz`, measured: kB(b.gzipBytes), pass: b.pass });
    checks.push({
      target: `${b.api} bundle holds no other vendor's code`,
      measured: b.foreignInputs.length === 0 ? "none" : b.foreignInputs.join(", "),
      pass: b.foreignInputs.length === 0,
    });
  }
  const codegen = results.codegen?.result;
  if (codegen)
    checks.push({
      target: `codegen of all specs ≤ ${seconds(CODEGEN_TARGET_MS)}`,
      measured: seconds(codegen.codegenMs),
      pass: codegen.pass,
    });
  const contract = results.contract?.result;
  if (contract) {
    const measured = `${seconds(contract.wallMs)}${contract.code === 0 ? "" : ` (suite FAILED, exit ${contract.code})`}`;
    checks.push({ target: `contract suite ≤ ${seconds(CONTRACT_TARGET_MS)} and passing`, measured, pass: contract.pass });
  }
  for (const script of results.suite?.result.scripts ?? []) {
    const measured = `${seconds(script.wallMs)}${script.passed ? "" : " (FAILED)"}`;
    if (script.script === "test")
      checks.push({
        target: `\`npm test\` ≤ ${seconds(NPM_TEST_TARGET_MS)} and passing`,
        measured,
        pass: results.suite?.result.pass ?? false,
      });
    else checks.push({ target: `\`npm run ${script.script}\` passing`, measured, pass: script.passed });
  }
  if (results.scale) checks.push(...scaleChecks(results.scale.result));
  if (results.pacing) checks.push(...pacingChecks(results.pacing.result));
  for (const failure of results.failures)
    checks.push({ target: `${failure.section} measured`, measured: "error (see below)", pass: false });
  return checks;
}

function summaryCells(s: Summary): string[] {
  return [micros(s.median), micros(s.p95)];
}

function overheadSection(o: NonNullable<BenchResults["overhead"]>): string {
  const r = o.result;
  const rows = r.vendors.map((v) => [
    v.api,
    `\`${v.operation}\``,
    ...summaryCells(v.raw),
    ...summaryCells(v.openapiFetch),
    ...summaryCells(v.crmKit),
    ratio(v.openapiFetch.median / v.raw.median),
    ratio(v.vsRaw),
    ratio(v.vsOpenapiFetch),
    verdict(v.pass),
  ]);
  const headers = [
    "API",
    "operation",
    "raw median µs",
    "raw p95 µs",
    "openapi-fetch median µs",
    "openapi-fetch p95 µs",
    "crm-kit median µs",
    "crm-kit p95 µs",
    "openapi-fetch / raw",
    "crm-kit / raw",
    "crm-kit / openapi-fetch",
    `≤ ${OVERHEAD_TARGET.toFixed(2)} × openapi-fetch`,
  ];
  const n = r.options.rounds * r.options.batch;
  return [
    "## 1. Client overhead",
    "",
    `${n} timed calls per contender (${r.options.rounds} interleaved rounds of ${r.options.batch}, after ${r.options.warmup} warm-up calls each); load average ${o.load}. ` +
      `The server accepted ${r.connections} connection(s) for ${r.requests} requests: the fetch-based contenders share Node's global fetch pool, axios uses node:http's global keep-alive agent.`,
    "",
    table(headers, rows),
    "",
    peersSection(r),
    ...(o.steps ? ["", stepsSection(o.steps, r)] : []),
  ].join("\n");
}

/** Every contender of the same run side by side: median µs and its ratio to raw fetch's. */
function peersSection(r: OverheadResult): string {
  const names = ["raw", "openapi-fetch", "crm-kit", ...(r.vendors[0]?.peers.map((p) => p.name) ?? [])];
  const rows = r.vendors.map((v) => {
    const medians = [v.raw.median, v.openapiFetch.median, v.crmKit.median, ...v.peers.map((p) => p.summary.median)];
    return [v.api, ...medians.map((m) => `${micros(m)} (${ratio(m / v.raw.median)})`)];
  });
  return [
    "Against other HTTP clients in the same rounds (median µs, and its ratio to raw fetch's):",
    "",
    table(["API", ...names], rows),
  ].join("\n");
}

function stepsSection(steps: { wire: WireSteps; inProcess: TransportSteps }, r: OverheadResult): string {
  const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / Math.max(values.length, 1);
  const extraOnWire = mean(r.vendors.map((v) => v.crmKit.median - v.openapiFetch.median));
  const floor = mean(r.vendors.map((v) => v.openapiFetch.median / v.raw.median));
  const { wire, inProcess } = steps;
  const accounted = inProcess.steps.reduce((sum, s) => sum + s.micros, 0);
  const cpu = inProcess.crmKitMicros - inProcess.openapiFetchMicros;
  const lines = [
    "### Where the time goes",
    "",
    `crm-kit adds ${micros(extraOnWire)} µs per GET over bare openapi-fetch (mean over the four APIs of the difference of medians). ` +
      "On the wire, raw fetch to the same server with one of the transport's steps added (the real functions from src/core) costs this much more than raw fetch alone " +
      `(${micros(wire.rawMedianMs)} µs):`,
    "",
    table(
      ["step", "where", "µs added per call"],
      wire.steps.map((s) => [s.step, s.where, micros(s.addedMs)]),
    ),
    "",
    `In process, with a fetch stub that answers at once, openapi-fetch costs ${inProcess.openapiFetchMicros.toFixed(1)} µs of CPU per call and crm-kit ` +
      `${inProcess.crmKitMicros.toFixed(1)} µs; the steps below, timed alone, account for ${accounted.toFixed(1)} of the ${cpu.toFixed(1)} µs difference ` +
      "(a stub's body is a string, so reading it twice costs less than on a socket).",
    "",
    table(
      ["step", "where", "µs per call"],
      inProcess.steps.map((s) => [s.step, s.where, s.micros.toFixed(1)]),
    ),
  ];
  lines.push(
    "",
    `Bare openapi-fetch itself is at ${ratio(floor)} raw fetch in this run (mean over the four APIs): it builds a Request, merges headers and ` +
      "serializes the path before fetch builds its own, which is why the target is set against openapi-fetch rather than raw fetch.",
  );
  return lines.join("\n");
}

/** Modules printed in the console's cost table; RESULTS.md lists them all, with why each stays. */
const CONSOLE_MODULE_ROWS = 8;

/**
 * Each module's marginal gzip cost per vendor bundle, costliest first (by its largest cost in any bundle), with why
 * it stays; in the console only the costliest rows, without the notes.
 */
export function moduleCostTable(vendors: VendorBundle[], brief: boolean): string {
  const costs = vendors.map((v) => new Map(v.moduleCosts.modules.map((m) => [m.module, m.gzipBytes])));
  const largest = (module: string): number => Math.max(...costs.map((c) => c.get(module) ?? 0));
  const modules = [...new Set(costs.flatMap((c) => [...c.keys()]))].sort((a, b) => largest(b) - largest(a) || a.localeCompare(b));
  const shown = brief ? modules.slice(0, CONSOLE_MODULE_ROWS) : modules;
  const bytes = (n: number | undefined): string => (n === undefined ? "" : n.toLocaleString("en"));
  const rows = shown.map((module) => [
    brief ? module : `\`${module}\``,
    ...costs.map((c) => bytes(c.get(module))),
    ...(brief ? [] : [moduleNote(module)]),
  ]);
  const sum = (v: VendorBundle): number => v.moduleCosts.modules.reduce((total, m) => total + m.gzipBytes, 0);
  if (!brief) {
    rows.push(
      [
        "sum of the rows",
        ...vendors.map((v) => bytes(sum(v))),
        "less than the bundle: text repeated across modules is freed by no single one",
      ],
      ["whole bundle", ...vendors.map((v) => bytes(v.moduleCosts.totalGzipBytes)), ""],
    );
  }
  const headers = ["module", ...vendors.map((v) => `${v.api} B`), ...(brief ? [] : ["why it stays"])];
  return table(headers, rows);
}

function sizeSection(s: NonNullable<BenchResults["size"]>, brief: boolean): string {
  const rows = s.result.vendors.map((b) => [
    b.api,
    `\`${b.entry}\``,
    b.minifiedBytes.toLocaleString("en"),
    b.gzipBytes.toLocaleString("en"),
    kB(b.gzipBytes),
    `${b.byOrigin.openapiFetch.toLocaleString("en")} / ${b.byOrigin.core.toLocaleString("en")} / ${b.byOrigin.vendor.toLocaleString("en")}`,
    b.includesRuntime ? "yes" : "NO",
    b.foreignInputs.length === 0 ? "none" : b.foreignInputs.join(", "),
    verdict(b.pass),
  ]);
  const largest = s.result.vendors[0]?.largestInputs ?? [];
  return [
    "## 2. Bundle size",
    "",
    table(
      [
        "API",
        "entry",
        "minified B",
        "min+gz B",
        "min+gz",
        "minified B: openapi-fetch / core / vendor",
        "runtime bundled",
        "other vendors' inputs",
        `≤ ${kB(SIZE_TARGET_BYTES)}`,
      ],
      rows,
    ),
    "",
    `openapi-fetch alone, bundled the same way, is ${s.result.openapiFetchGzipBytes.toLocaleString("en")} B min+gz. ` +
      `Largest inputs of the ${s.result.vendors[0]?.api ?? ""} bundle (minified bytes): ${largest.map((i) => `\`${i.path}\` ${i.bytes.toLocaleString("en")}`).join(", ")}.`,
    "",
    brief ? `What each module costs (min+gz B it adds; the ${CONSOLE_MODULE_ROWS} costliest):` : "### What each module costs",
    "",
    ...(brief
      ? []
      : [
          "The gzipped bytes each bundle would lose without the module's output (see Method); openapi-fetch counts as one module, " +
            "a blank cell means the module is not in that bundle.",
          "",
        ]),
    moduleCostTable(s.result.vendors, brief),
  ].join("\n");
}

function timingSection(codegen: BenchResults["codegen"], contract: BenchResults["contract"]): string {
  const rows: string[][] = [];
  if (codegen) {
    const c = codegen.result;
    rows.push([
      `codegen, every spec (\`tsx scripts/generate.ts --check\`, median of ${c.runs})`,
      seconds(c.totalMs),
      `${seconds(c.processStartMs)} (tsx start)`,
      seconds(c.codegenMs),
      seconds(CODEGEN_TARGET_MS),
      codegen.load,
      verdict(c.pass),
    ]);
  }
  if (contract) {
    const c = contract.result;
    rows.push([
      `contract suite (\`npx vitest run --project contract\`; test files: ${c.testFiles}, tests: ${c.tests})`,
      seconds(c.wallMs),
      "—",
      seconds(c.wallMs),
      seconds(CONTRACT_TARGET_MS),
      contract.load,
      verdict(c.pass),
    ]);
  }
  return ["## 3. Codegen and contract suite", "", table(["what", "wall", "minus", "measured", "target", "load", "result"], rows)].join(
    "\n",
  );
}

function suiteSection(suite: Measured<TestSuiteTiming>): string {
  const out = ["## 4. Test suite", "", `Load average at the start: ${suite.load}.`, ""];
  for (const script of suite.result.scripts) {
    const rows = script.stages.flatMap((s) => [
      [`\`${s.command}\``, seconds(s.ms), s.code === 0 ? "ok" : `exit ${s.code}`],
      ...(s.parts ?? []).map((p) => [`↳ \`${p.command}\` alone`, seconds(p.ms), p.code === 0 ? "ok" : `exit ${p.code}`]),
    ]);
    rows.push([`**\`npm run ${script.script}\`, total**`, seconds(script.wallMs), script.passed ? "ok" : "FAILED"]);
    out.push(`### \`npm run ${script.script}\``, "", table(["stage", "wall", "result"], rows), "");
    for (const failed of script.stages.filter((s) => s.failure))
      out.push(`\`${failed.command}\` failed; its last lines:`, "", "```", failed.failure as string, "```", "");
  }
  out.push(
    "### The ten slowest test files",
    "",
    table(
      ["file", "project", "run time"],
      suite.result.slowestFiles.map((f) => [`\`${f.file}\``, f.project, seconds(f.ms)]),
    ),
  );
  return out.join("\n");
}

const METHOD = `## Method

- **Client overhead.** A \`node:http\` server in a child process (its own core) listens on an ephemeral loopback port and answers
  each benchmarked GET with that operation's 200 example from the spec (checked once: every contender must read back exactly
  that body). Per API three contenders make the same GET with the same headers: raw \`fetch\` + \`response.json()\`, a bare
  openapi-fetch \`createClient\`, and the crm-kit client, Featurebase and folk with an API key, emnify after one warm-up call
  (the token exchange), Kare with ready tokens. For scale, three other clients make the same GET with the same headers
  and their default retries and timeouts, each reading back the same parsed body: ky, axios (over node:http's
  keep-alive global agent) and the runtime of a Stainless-generated SDK (openai's client \`get\`). All but axios use
  Node's global fetch, so they share one keep-alive pool. Contenders
  run in interleaved rounds whose starting contender rotates, so drift hits all alike. Every call is timed on its own with
  \`performance.now()\`; the table gives the median and p95 (linear interpolation). The ratios divide medians. A loopback
  round trip is about 0.1 ms, so the ratio shows client CPU cost at its most visible; against a vendor API 20-200 ms away,
  the same microseconds are a far smaller fraction. When a client misses the target, the transport's steps are timed too
  (on the wire, added to raw fetch one at a time, and in process against a stub fetch) to show where the time goes.
- **Size.** esbuild bundles \`src/<api>/index.ts\` (platform neutral, ESM, minified, ES2022, openapi-fetch and src/core
  included; types are erased), and the output is gzipped at level 9; 1 kB is 1,024 B, so the target is 8,192 B. The metafile's inputs show which files each bundle
  contains: none may come from another vendor's \`src/<api>/\` or \`generated/<api>.ts\`. A module's cost is its marginal one:
  the gzipped bundle's size minus that of the bundle with the module's output characters cut out, each character
  attributed to a source file through esbuild's source map (a mapping owns the output up to the next one).
- **Codegen.** \`tsx scripts/generate.ts --check\` renders every API's types as \`npm run generate\` does, but compares instead
  of writing; the time of \`tsx\` running an empty file is subtracted. Runs alternate with the empty runs.
- **Contract suite.** Wall time of \`npx vitest run --project contract\`, starting and stopping the Prism mocks included.
- **Test suite.** The stages of \`npm test\` and \`npm run test:e2e\` are read from package.json and run one after another as
  npm runs them, each timed from spawn to exit; a script's wall time is the sum of its stages. A stage that runs scripts
  side by side (\`run-p\`) is followed by each of them timed alone (↳ rows, not part of the sum). A file's run time is vitest's
  (from its JSON reporter: running the file's tests, without importing it).
- The machine may be shared: the 1-minute load average is given per section (2 cores; above 2, other work competed).`;

export function renderMarkdown(results: BenchResults): string {
  const m = results.machine;
  const checks = targetChecks(results);
  const parts = [
    "# crm-kit benchmarks",
    "",
    "Written by `npm run bench` (bench/run.ts); do not edit by hand.",
    "",
    `- date: ${m.date}`,
    `- node: ${m.node}`,
    `- CPU: ${m.cpu} × ${m.cores}`,
    `- OS: ${m.os}`,
    `- tree: ${m.revision}`,
    `- bench run time: ${results.benchSeconds.toFixed(0)} s`,
    "",
    "## Targets",
    "",
    table(
      ["target", "measured", "result"],
      checks.map((c) => [c.target, c.measured, verdict(c.pass)]),
    ),
    "",
    ...sections(results),
    METHOD,
    "",
  ];
  return parts.join("\n");
}

/** The measured sections; `brief` for the console, where the size section shows only the costliest modules. */
function sections(results: BenchResults, brief = false): string[] {
  const out: string[] = [];
  if (results.overhead) out.push(overheadSection(results.overhead), "");
  if (results.size) out.push(sizeSection(results.size, brief), "");
  if (results.codegen || results.contract) out.push(timingSection(results.codegen, results.contract), "");
  if (results.suite) out.push(suiteSection(results.suite), "");
  if (results.scale) out.push(scaleSection(results.scale, table), "");
  if (results.pacing) out.push(pacingSection(results.pacing, table), "");
  if (results.failures.length > 0) {
    out.push("## Errors", "", ...results.failures.map((f) => `- ${f.section}: ${f.message.split("\n")[0]}`), "");
  }
  return out;
}

/** What `npm run bench` prints: the tables, then every missed target on its own line. */
export function renderConsole(results: BenchResults): string {
  const checks = targetChecks(results);
  const missed = checks.filter((c) => !c.pass);
  return [
    ...sections(results, true),
    table(
      ["target", "measured", "result"],
      checks.map((c) => [c.target, c.measured, c.pass ? "pass" : "MISSED"]),
    ),
    "",
    missed.length === 0
      ? "All targets met."
      : `${missed.length} of ${checks.length} targets MISSED:\n${missed.map((c) => `  MISSED  ${c.target}: ${c.measured}`).join("\n")}`,
  ].join("\n");
}

import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, stop } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attributeOutput, gzipBytes, moduleGzipCosts, removalCost, type SourceMapV3 } from "../../bench/size/gzip-cost.js";
import { measureSizes, moduleOf } from "../../bench/size/measure-size.js";
import { MODULE_NOTES, moduleNote } from "../../bench/size/module-notes.js";
import { repoRoot } from "../../scripts/lib/api-registry.js";

// esbuild answers from a child process it starts on the first build; each test waits on it.
const ESBUILD_TIMEOUT_MS = 60_000;

// Two inputs with text of their own, long enough that each one's removal shrinks the gzipped bundle.
const ALPHA = "alpha walks the orchard counting quinces, plums and seventeen pears before noon";
const BRAVO = "bravo measures the harbour wall: forty yards of granite, two bollards, one crane";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "crm-kit-gzip-cost-"));
  writeFileSync(
    join(dir, "a.js"),
    `import { bravo } from "./b.js";\nexport function alpha(n) { return "${ALPHA}".repeat(n) + bravo(n); }\n`,
  );
  writeFileSync(join(dir, "b.js"), `export function bravo(n) { return n > 1 ? "${BRAVO}" : "${BRAVO.toUpperCase()}"; }\n`);
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await stop();
});

async function tinyBundle(): Promise<{ code: string; map: SourceMapV3 }> {
  const outfile = join(dir, "out.js");
  const result = await build({
    entryPoints: [join(dir, "a.js")],
    bundle: true,
    minify: true,
    format: "esm",
    write: false,
    sourcemap: "external",
    outfile,
    logLevel: "silent",
  });
  const file = (path: string): string => {
    const found = result.outputFiles.find((f) => f.path === path);
    if (!found) throw new Error(`esbuild wrote no ${path}`);
    return found.text;
  };
  return { code: file(outfile), map: JSON.parse(file(`${outfile}.map`)) as SourceMapV3 };
}

describe("module gzip costs", () => {
  it(
    "attributes each input's output to it: its own text, and none of the other's",
    async () => {
      const { code, map } = await tinyBundle();
      const runs = attributeOutput(code, map);
      const textOf = (name: string): string =>
        runs
          .filter((run) => map.sources[run.source]?.endsWith(name))
          .map((run) => code.slice(run.start, run.end))
          .join("");
      expect(textOf("a.js")).toContain(ALPHA);
      expect(textOf("a.js")).not.toContain(BRAVO);
      expect(textOf("b.js")).toContain(BRAVO);
      expect(textOf("b.js")).not.toContain(ALPHA);
      // The runs tile the output: every character once, in order.
      expect(runs.map((run) => code.slice(run.start, run.end)).join("")).toBe(code);
    },
    ESBUILD_TIMEOUT_MS,
  );

  it(
    "gives each of two inputs a positive cost, and removing both frees about the whole gzipped bundle",
    async () => {
      const { code, map } = await tinyBundle();
      const costs = moduleGzipCosts(code, map, (source) => source.replace(/^.*\//, ""));
      expect(costs.modules.map((m) => m.module).sort()).toEqual(["a.js", "b.js"]);
      for (const m of costs.modules) expect(m.gzipBytes).toBeGreaterThan(20);
      expect(costs.totalGzipBytes).toBe(gzipBytes(code));
      const all = removalCost(code, attributeOutput(code, map), (source) => source >= 0);
      // What is left is the bundler's glue (a line break): gzip's fixed header and trailer of about 20 bytes.
      expect(costs.unattributedChars).toBeLessThan(5);
      expect(all).toBeGreaterThanOrEqual(costs.totalGzipBytes - 25);
      expect(all).toBeLessThan(costs.totalGzipBytes);
    },
    ESBUILD_TIMEOUT_MS,
  );

  it("counts every file of a package as one module and other sources by their path in the repository", () => {
    expect(moduleOf("node_modules/openapi-fetch/dist/index.js")).toBe("openapi-fetch");
    expect(moduleOf("node_modules/@scope/pkg/lib/a.js")).toBe("@scope/pkg");
    expect(moduleOf("src/core/transport.ts")).toBe("src/core/transport.ts");
    expect(moduleOf(join(repoRoot, "src/folk/query.ts"))).toBe("src/folk/query.ts");
  });
});

describe("module notes", () => {
  it(
    "has a note for every src/core module in any vendor bundle",
    async () => {
      const { vendors } = await measureSizes();
      const core = new Set(vendors.flatMap((v) => v.moduleCosts.modules.map((m) => m.module)).filter((m) => m.startsWith("src/core/")));
      expect(core.size).toBeGreaterThan(10);
      expect([...core].filter((module) => moduleNote(module) === "—")).toEqual([]);
    },
    ESBUILD_TIMEOUT_MS,
  );

  it("notes only modules that exist, and shows a dash for a module without a note", () => {
    const missing = Object.keys(MODULE_NOTES).filter((m) => m !== "openapi-fetch" && !existsSync(join(repoRoot, m)));
    expect(missing).toEqual([]);
    expect(moduleNote("src/folk/query.ts")).toBe("—");
  });
});

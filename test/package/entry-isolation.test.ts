import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/api-registry.js";

const vendors = ["featurebase", "folk", "emnify", "kare"];

/** Every repository file an entry point loads at run time (type-only imports are erased and skipped). */
function runtimeGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(entry, "utf8");
  for (const match of source.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s+"(\.[^"]+)"/gm)) {
    const specifier = match[1] as string;
    runtimeGraph(resolve(dirname(entry), specifier.replace(/\.js$/, ".ts")), seen);
  }
  return seen;
}

describe("vendor entry points", () => {
  for (const vendor of vendors) {
    it(`crm-kit/${vendor} loads only its own folder and the core`, () => {
      const files = [...runtimeGraph(join(repoRoot, "src", vendor, "index.ts"))].map((f) => relative(repoRoot, f));
      expect(files.length).toBeGreaterThan(1);
      expect(files.filter((f) => !f.startsWith(`src/${vendor}/`) && !f.startsWith("src/core/"))).toEqual([]);
    });
  }
});

import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/api-registry.js";

const vendors = ["featurebase", "folk", "emnify", "kare"];

const RUNTIME_IMPORT = /^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s+"([^"]+)"/gm;

/** Every repository file an entry point loads at run time (type-only imports are erased and skipped). */
function runtimeGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(entry, "utf8");
  for (const match of source.matchAll(RUNTIME_IMPORT)) {
    const specifier = match[1] as string;
    if (specifier.startsWith(".")) runtimeGraph(resolve(dirname(entry), specifier.replace(/\.js$/, ".ts")), seen);
  }
  return seen;
}

/** The packages (not repository files) the files of a graph load at run time, e.g. openapi-fetch, node:http. */
function packagesLoaded(files: Iterable<string>): string[] {
  const packages = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(file, "utf8").matchAll(RUNTIME_IMPORT)) {
      const specifier = match[1] as string;
      if (!specifier.startsWith(".")) packages.add(specifier);
    }
  }
  return [...packages].sort();
}

describe("vendor entry points", () => {
  for (const vendor of vendors) {
    it(`crm-kit/${vendor} loads only its own folder, the core and its generated retry set (never the bundled spec)`, () => {
      const files = [...runtimeGraph(join(repoRoot, "src", vendor, "index.ts"))].map((f) => relative(repoRoot, f));
      expect(files.length).toBeGreaterThan(1);
      // generated/<api>.retry.ts: the operations the spec marks idempotent, a few hundred bytes.
      const own = (f: string) => f.startsWith(`src/${vendor}/`) || f.startsWith("src/core/") || f === `generated/${vendor}.retry.ts`;
      expect(files.filter((f) => !own(f))).toEqual([]);
      expect(files).toContain(`generated/${vendor}.retry.ts`);
    });

    it(`crm-kit/${vendor} loads no package but openapi-fetch (none of the sandbox's router and validator)`, () => {
      expect(packagesLoaded(runtimeGraph(join(repoRoot, "src", vendor, "index.ts")))).toEqual(["openapi-fetch"]);
    });
  }
});

describe("crm-kit/sandbox", () => {
  it("loads the sandbox and the bundled specs, no client, and packages only through third-party.ts (bundled at build)", () => {
    const graph = runtimeGraph(join(repoRoot, "src", "sandbox", "index.ts"));
    const files = [...graph].map((f) => relative(repoRoot, f));
    // The core modules it shares import nothing: the redaction of credentials (for `sandbox.calls`), and the
    // vendors' documented rate limits (one list for the clients' pacing and the sandboxes' 429s).
    const shared = ["src/core/redact.ts", "src/core/documented-limits.ts"];
    expect(
      files.filter((f) => !f.startsWith("src/sandbox/") && !/^generated\/[a-z-]+\.openapi\.ts$/.test(f) && !shared.includes(f)),
    ).toEqual([]);
    expect(files).toContain("src/sandbox/third-party.ts");
    const { dependencies } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    const outsideBundle = [...graph].filter((f) => relative(repoRoot, f) !== "src/sandbox/third-party.ts");
    const undeclared = packagesLoaded(outsideBundle).filter((p) => !p.startsWith("node:") && !Object.hasOwn(dependencies, p));
    expect(undeclared).toEqual([]);
    // What third-party.ts imports is bundled into the package (scripts/build.ts), so none of it is a dependency.
    expect(packagesLoaded([join(repoRoot, "src", "sandbox", "third-party.ts")]).filter((p) => Object.hasOwn(dependencies, p))).toEqual([]);
  });

  it("loads node:http only when listen() is called", () => {
    const files = runtimeGraph(join(repoRoot, "src", "sandbox", "index.ts"));
    expect(packagesLoaded(files).filter((p) => p.startsWith("node:"))).toEqual([]);
  });
});

describe("crm-kit/redis", () => {
  it("loads the limiter and the core's errors, no client and no sandbox; packages only through third-party.ts (bundled at build)", () => {
    const graph = runtimeGraph(join(repoRoot, "src", "redis", "index.ts"));
    const files = [...graph].map((f) => relative(repoRoot, f));
    expect(files).toContain("src/redis/third-party.ts");
    expect(files.filter((f) => !f.startsWith("src/redis/") && !f.startsWith("src/core/"))).toEqual([]);
    // From the core, the errors (and what their messages need), not the client or its transport.
    expect(files).toContain("src/core/errors.ts");
    expect(files.filter((f) => /^src\/core\/(client|call|transport|vendor-kit|index)\.ts$/.test(f))).toEqual([]);
    const outsideBundle = [...graph].filter((f) => relative(repoRoot, f) !== "src/redis/third-party.ts");
    // ioredis, the optional peer, is required at run time (src/redis/ioredis.ts), so that its absence names the package.
    expect(packagesLoaded(outsideBundle).filter((p) => !p.startsWith("node:"))).toEqual([]);
    expect(packagesLoaded([join(repoRoot, "src", "redis", "third-party.ts")])).toEqual(["rate-limiter-flexible/lib/RateLimiterRedis.js"]);
  });
});

// Every import of a repository file, type-only ones included: a circle of types is still a circle to a reader.
const ANY_IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gm;

/** The repository files `file` imports, as absolute .ts paths. */
function importsOf(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(ANY_IMPORT)].map((m) => resolve(dirname(file), (m[1] as string).replace(/\.js$/, ".ts")));
}

/** One import circle reachable from `entry`, as a list of files, or undefined when there is none. */
function findCircle(entry: string): string[] | undefined {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string): string[] | undefined => {
    const at = path.indexOf(file);
    if (at !== -1) return [...path.slice(at), file];
    if (done.has(file)) return undefined;
    path.push(file);
    for (const next of importsOf(file)) {
      const circle = visit(next);
      if (circle) return circle;
    }
    path.pop();
    done.add(file);
    return undefined;
  };
  return visit(entry);
}

describe("the runtime's imports", () => {
  for (const entry of [...vendors.map((v) => `src/${v}/index.ts`), "src/core/index.ts", "src/core/vendor-kit.ts", "src/redis/index.ts"]) {
    it(`${entry} reaches no import circle`, () => {
      expect(findCircle(join(repoRoot, entry))?.map((f) => relative(repoRoot, f))).toBeUndefined();
    });
  }

  for (const vendor of vendors) {
    it(`src/${vendor} reaches the core through its two entries only (index.ts, vendor-kit.ts)`, () => {
      const files = [...runtimeGraph(join(repoRoot, "src", vendor, "index.ts"))].filter((f) => f.includes(`/src/${vendor}/`));
      const coreImports = files.flatMap((f) => importsOf(f).map((i) => relative(repoRoot, i))).filter((i) => i.startsWith("src/core/"));
      expect(coreImports.length).toBeGreaterThan(0);
      expect(coreImports.filter((i) => i !== "src/core/index.ts" && i !== "src/core/vendor-kit.ts")).toEqual([]);
    });
  }
});

/**
 * Builds the package into dist/: tsc compiles src/ and generated/, then esbuild bundles each third-party module
 * (src/sandbox/third-party.ts: openapi-backend, Ajv, ajv-formats and what they import; src/redis/third-party.ts:
 * rate-limiter-flexible's Redis limiter) into that one module, with the licences of what it bundled beside it.
 * An installed crm-kit so needs no package at run time but openapi-fetch (and its openapi-typescript-helpers),
 * whichever entry it loads, and the optional peers of the entries that name one (ioredis for crm-kit/redis).
 *   npm run build
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { build, type Plugin } from "esbuild";
import { repoRoot } from "./lib/api-registry.js";

const dist = join(repoRoot, "dist");
/** Source and output of each module whose imports are bundled. */
const bundles = [
  { source: "src/sandbox/third-party.ts", output: "dist/src/sandbox/third-party.js" },
  { source: "src/redis/third-party.ts", output: "dist/src/redis/third-party.js" },
];

rmSync(dist, { recursive: true, force: true });
try {
  execFileSync(process.execPath, [join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], {
    cwd: repoRoot,
    stdio: "inherit",
  });
} catch {
  console.error("build: tsc -p tsconfig.build.json failed (its errors are above); dist/ is left out");
  rmSync(dist, { recursive: true, force: true });
  process.exit(1);
}

/**
 * openapi-backend dereferences a spec with json-schema-ref-parser, except in its `quick` mode, which the sandbox
 * always uses (its specs are bundled, with local $refs only, by `npm run generate`). The parser, and the
 * YAML parser and HTTP client it brings, are left out: a stub stands in, which hands back the spec object it is
 * given to `parse` and fails loudly for anything else.
 */
const withoutRefParser: Plugin = {
  name: "without-json-schema-ref-parser",
  setup(esbuild) {
    esbuild.onResolve({ filter: /^@apidevtools\/json-schema-ref-parser$/ }, (args) => ({ path: args.path, namespace: "stub" }));
    esbuild.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
      loader: "js",
      contents: `const missing = () => { throw new Error("crm-kit sandbox: json-schema-ref-parser is not bundled; the sandbox's validator runs in quick mode"); };
// quick mode still "parses" the spec object it is given: that is the object itself.
const parse = (document) => (typeof document === "object" && document !== null ? Promise.resolve(document) : missing());
module.exports = { dereference: missing, resolve: missing, parse };`,
    }));
  },
};

for (const bundled of bundles) {
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: [bundled.source],
    outfile: bundled.output,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    minify: true,
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
    plugins: [withoutRefParser],
    // The bundled packages are CommonJS and require() Node's built-ins: give the ES module a require.
    banner: { js: 'import { createRequire as __crmKitRequire } from "node:module"; const require = __crmKitRequire(import.meta.url);' },
  });

  writeFileSync(join(repoRoot, `${bundled.output}.LICENSES.txt`), licensesOf(Object.keys(result.metafile.inputs), bundled.output));
  console.log(`build: ${relative(repoRoot, bundled.output)} bundles ${packagesOf(Object.keys(result.metafile.inputs)).size} packages`);
}
console.log("build: dist/ written");

/** The package directories (under node_modules) that the bundled inputs come from. */
function packagesOf(inputs: string[]): Set<string> {
  const dirs = new Set<string>();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match?.[1]) dirs.add(match[1]);
  }
  return dirs;
}

/** The licence text of every bundled package, as MIT, ISC and BSD licences ask a copy to carry. */
function licensesOf(inputs: string[], output: string): string {
  const sections = [...packagesOf(inputs)].sort().map((dir) => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, dir, "package.json"), "utf8")) as {
      name: string;
      version: string;
      license?: string;
    };
    const file = ["LICENSE", "LICENSE.md", "LICENSE.txt", "license", "LICENCE"].map((f) => join(repoRoot, dir, f)).find(existsSync);
    if (!file) throw new Error(`build: ${manifest.name}@${manifest.version} (${dir}) has no LICENSE file to ship with the bundle`);
    return `${manifest.name}@${manifest.version} (${manifest.license ?? "see below"})\n\n${readFileSync(file, "utf8").trim()}\n`;
  });
  return `Third-party code bundled into ${relative(dirname(output), output)}:\n\n${sections.join(`\n${"-".repeat(72)}\n\n`)}`;
}

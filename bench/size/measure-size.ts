/**
 * Bundle size: each vendor entry point bundled by esbuild for the browser-neutral platform (ESM, minified,
 * openapi-fetch and src/core included), gzipped; a check, from esbuild's metafile, that a vendor's bundle takes in
 * no other vendor's files; and, from its source map, what each module costs in the gzipped bundle.
 */
import { join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { loadApis, repoRoot } from "../../scripts/lib/api-registry.js";
import { type GzipCosts, moduleGzipCosts, type SourceMapV3 } from "./gzip-cost.js";

/** Gzipped bytes allowed per vendor bundle. */
export const SIZE_TARGET_BYTES = 8 * 1024;

export interface BundleInput {
  path: string;
  /** Minified bytes this input contributes to the bundle. */
  bytes: number;
}

export interface VendorBundle {
  api: string;
  entry: string;
  minifiedBytes: number;
  gzipBytes: number;
  /** Whether openapi-fetch and src/core are in the bundle (they must be: the size counts them). */
  includesRuntime: boolean;
  /** Inputs that belong to another vendor (src/<other>/, generated/<other>.ts); must be empty. */
  foreignInputs: string[];
  /** Minified bytes by origin: openapi-fetch, src/core and the vendor's own folder. */
  byOrigin: { openapiFetch: number; core: number; vendor: number };
  /** The inputs that contribute most, largest first. */
  largestInputs: BundleInput[];
  /** The marginal gzip cost of each module (openapi-fetch as one). */
  moduleCosts: GzipCosts;
  pass: boolean;
}

export interface SizeResult {
  vendors: VendorBundle[];
  /** openapi-fetch alone, bundled and gzipped the same way: the part of the budget no crm-kit change can shrink. */
  openapiFetchGzipBytes: number;
}

const BUILD_OPTIONS = {
  absWorkingDir: repoRoot,
  bundle: true,
  minify: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  write: false,
  metafile: true,
  logLevel: "silent",
} as const;

// Where esbuild would write a vendor bundle (it writes nothing: `write: false`); source-map paths are relative to it.
const BUNDLE_PATH = join(repoRoot, "vendor-bundle.js");

/** The cost-table row of a source-map path: the file relative to the repository, or a package's name for its files. */
export function moduleOf(source: string): string {
  const path = relative(repoRoot, resolve(repoRoot, source)).replaceAll("\\", "/");
  return /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1] ?? path;
}

export async function measureSizes(): Promise<SizeResult> {
  const alone = await build({
    ...BUILD_OPTIONS,
    stdin: { contents: 'export { default } from "openapi-fetch"; export * from "openapi-fetch";', resolveDir: repoRoot, loader: "ts" },
  });
  const openapiFetchGzipBytes = gzipSync(alone.outputFiles[0]?.contents ?? new Uint8Array(), { level: 9 }).length;
  return { vendors: await measureVendorBundles(), openapiFetchGzipBytes };
}

async function measureVendorBundles(): Promise<VendorBundle[]> {
  const apis = loadApis().map((api) => api.name);
  const bundles: VendorBundle[] = [];
  for (const api of apis) {
    const entry = `src/${api}/index.ts`;
    // The source map is written beside the output, not into it: the bundle measured is the one shipped.
    const result = await build({ ...BUILD_OPTIONS, entryPoints: [entry], sourcemap: "external", outfile: BUNDLE_PATH });
    const output = result.outputFiles.find((file) => file.path === BUNDLE_PATH);
    const map = result.outputFiles.find((file) => file.path === `${BUNDLE_PATH}.map`);
    const meta = result.metafile.outputs[relative(repoRoot, BUNDLE_PATH)];
    if (!output || !map || !meta) throw new Error(`esbuild produced no bundle, source map or metafile entry for ${entry}`);
    const inputs = Object.entries(meta.inputs).map(([path, info]) => ({
      path: relative(repoRoot, `${repoRoot}/${path}`),
      bytes: info.bytesInOutput,
    }));
    const others = apis.filter((name) => name !== api);
    const foreignInputs = inputs
      .map((input) => input.path)
      .filter((path) => others.some((other) => path.startsWith(`src/${other}/`) || path === `generated/${other}.ts`));
    const includesRuntime =
      inputs.some((i) => i.path.includes("node_modules/openapi-fetch/")) && inputs.some((i) => i.path.startsWith("src/core/"));
    const gzipBytes = gzipSync(output.contents, { level: 9 }).length;
    bundles.push({
      api,
      entry,
      minifiedBytes: output.contents.length,
      gzipBytes,
      includesRuntime,
      foreignInputs,
      byOrigin: {
        openapiFetch: sumBytes(inputs, (path) => path.includes("node_modules/openapi-fetch/")),
        core: sumBytes(inputs, (path) => path.startsWith("src/core/")),
        vendor: sumBytes(inputs, (path) => path.startsWith(`src/${api}/`)),
      },
      largestInputs: inputs.sort((a, b) => b.bytes - a.bytes).slice(0, 5),
      moduleCosts: moduleGzipCosts(output.text, JSON.parse(map.text) as SourceMapV3, moduleOf),
      pass: gzipBytes <= SIZE_TARGET_BYTES,
    });
  }
  return bundles;
}

function sumBytes(inputs: BundleInput[], where: (path: string) => boolean): number {
  return inputs.filter((input) => where(input.path)).reduce((sum, input) => sum + input.bytes, 0);
}

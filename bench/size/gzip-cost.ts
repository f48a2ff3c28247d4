/**
 * What each source module costs in a gzipped bundle. Bytes in the minified output overstate a module that repeats
 * what others say (gzip codes a repeat as a short back-reference) and understate none, so the cost reported is the
 * marginal one: gz(bundle) minus gz(bundle with that module's output characters removed). The characters are
 * attributed to sources through the bundle's source map: each mapping segment owns the output up to the next one.
 */
import { gzipSync } from "node:zlib";
import { decode } from "@jridgewell/sourcemap-codec";

/** The fields of a version 3 source map that attribution reads. */
export interface SourceMapV3 {
  sources: string[];
  mappings: string;
}

/** A run of output characters [start, end) that one source (its index in `sources`, or -1 for none) produced. */
export interface OutputRun {
  start: number;
  end: number;
  source: number;
}

/** One row of the cost table: a module (a source file, or a package grouping several). */
export interface ModuleCost {
  module: string;
  /** Output characters attributed to it. */
  chars: number;
  /** Gzipped bytes the bundle would lose without those characters. */
  gzipBytes: number;
}

export interface GzipCosts {
  /** The whole bundle, gzipped. */
  totalGzipBytes: number;
  /** Largest cost first; a module with no output characters is left out. */
  modules: ModuleCost[];
  /** Output characters no source claims (line breaks, the bundler's own glue). */
  unattributedChars: number;
}

/** gzip at level 9, as the size targets are measured. */
export function gzipBytes(text: string): number {
  return gzipSync(text, { level: 9 }).length;
}

/**
 * Splits `code` into runs by source. A segment with a source owns the characters from its column to the next
 * segment on the line (or the line's end); characters before a line's first segment and under a segment without a
 * source belong to none. Columns count UTF-16 code units, as JavaScript strings do.
 */
export function attributeOutput(code: string, map: SourceMapV3): OutputRun[] {
  const lines = code.split("\n");
  const decoded = decode(map.mappings);
  const runs: OutputRun[] = [];
  let lineStart = 0;
  lines.forEach((line, index) => {
    const segments = decoded[index] ?? [];
    let column = 0;
    let source = -1;
    for (const segment of segments) {
      const next = Math.min(segment[0], line.length);
      if (next > column) runs.push({ start: lineStart + column, end: lineStart + next, source });
      column = Math.max(column, next);
      source = segment.length >= 4 ? (segment[1] ?? -1) : -1;
    }
    // The rest of the line, then its line break (which no source claims).
    if (line.length > column) runs.push({ start: lineStart + column, end: lineStart + line.length, source });
    if (index < lines.length - 1) runs.push({ start: lineStart + line.length, end: lineStart + line.length + 1, source: -1 });
    lineStart += line.length + 1;
  });
  return runs;
}

/** The gzipped bytes `code` loses when the runs whose source `removed` selects are cut out. */
export function removalCost(code: string, runs: OutputRun[], removed: (source: number) => boolean, total = gzipBytes(code)): number {
  const rest = runs
    .filter((run) => !removed(run.source))
    .map((run) => code.slice(run.start, run.end))
    .join("");
  return total - gzipBytes(rest);
}

/**
 * The marginal gzip cost of each module of a bundle. `moduleOf` names the row a source belongs to, so that the
 * files of one package (openapi-fetch's) can count as one module.
 */
export function moduleGzipCosts(code: string, map: SourceMapV3, moduleOf: (source: string) => string): GzipCosts {
  const runs = attributeOutput(code, map);
  const total = gzipBytes(code);
  const rowOfSource = map.sources.map(moduleOf);
  const chars = new Map<string, number>();
  let unattributedChars = 0;
  for (const run of runs) {
    const module = rowOfSource[run.source];
    if (module === undefined) unattributedChars += run.end - run.start;
    else chars.set(module, (chars.get(module) ?? 0) + run.end - run.start);
  }
  const modules = [...chars].map(([module, count]) => ({
    module,
    chars: count,
    gzipBytes: removalCost(code, runs, (source) => rowOfSource[source] === module, total),
  }));
  return { totalGzipBytes: total, modules: modules.sort((a, b) => b.gzipBytes - a.gzipBytes), unattributedChars };
}

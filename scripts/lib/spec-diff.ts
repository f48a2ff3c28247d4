/**
 * `npm run spec:diff`: every spec in redocly.yaml, bundled, compared with its bundled form at a git
 * ref. The base tree comes from `git archive` of the spec folders into a temporary directory, so the
 * working tree is never touched.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { bundle, createConfig } from "@redocly/openapi-core";
import { parse } from "yaml";
import { loadApis } from "./api-registry.js";
import type { BreakingChange, SpecVersions } from "./breaking-changes.js";
import type { OpenApiNode } from "./spec-operations.js";

/** A problem with the command line or the repository: the message says what to do; no stack needed. */
export class SpecDiffUsageError extends Error {}

export type ApiDiff =
  | { api: string; status: "new" }
  | { api: string; status: "unchanged"; version: string }
  | { api: string; status: "compared"; versions: SpecVersions; majorRaised: boolean; changes: BreakingChange[] };

export interface SpecDiffResult {
  /** The ref as given, and the commit it names. */
  ref: string;
  sha: string;
  apis: ApiDiff[];
  /** APIs listed in redocly.yaml at the ref but not any more (reported, not compared). */
  removedApis: string[];
}

/** Compares the working tree's specs (APIs from `configPath`) with their versions at `ref`. */
export async function diffSpecs(repo: string, ref: string, configPath = join(repo, "redocly.yaml")): Promise<SpecDiffResult> {
  const sha = resolveCommit(repo, ref);
  const apis = loadApis(configPath);
  const work = mkdtempSync(join(tmpdir(), "crm-kit-spec-diff-"));
  try {
    const baseTree = join(work, "base");
    const folders = [...new Set(apis.map((api) => relative(repo, dirname(api.root))))].filter((folder) => existsAt(repo, sha, folder));
    if (folders.length > 0) extract(repo, sha, folders, baseTree);

    const results: ApiDiff[] = [];
    for (const api of apis) {
      const baseRoot = join(baseTree, relative(repo, api.root));
      if (!existsSync(baseRoot)) {
        results.push({ api: api.name, status: "new" });
        continue;
      }
      const base = await bundleTo(baseRoot, join(work, `${api.name}.base.json`), `${api.name} at ${ref}`);
      const head = await bundleTo(api.root, join(work, `${api.name}.head.json`), `${api.name} in the working tree`);
      // Optic takes seconds on a large spec; most changes do not touch a given spec at all.
      if (base.text === head.text) {
        results.push({ api: api.name, status: "unchanged", version: String(head.document.info?.version ?? "") });
        continue;
      }
      // Loaded on first use: Optic's libraries take a second to import.
      const { findBreakingChanges, majorRaised } = await import("./breaking-changes.js");
      const { changes, versions } = await findBreakingChanges(base.file, head.file);
      results.push({ api: api.name, status: "compared", versions, majorRaised: majorRaised(versions), changes });
    }
    const removedApis = apiNamesAt(repo, sha, relative(repo, configPath)).filter((name) => !apis.some((api) => api.name === name));
    return { ref, sha, apis: results, removedApis };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The report, one block per API, and whether it fails: a breaking change in a spec whose major version was not raised. */
export function formatSpecDiff(result: SpecDiffResult): { lines: string[]; failed: boolean } {
  const lines = [`spec:diff: comparing the working tree with ${result.ref} (${result.sha.slice(0, 12)})`, ""];
  const blocking: string[] = [];
  for (const diff of result.apis) {
    if (diff.status === "new") {
      lines.push(`${diff.api}: new since ${result.ref}, nothing to compare`);
      continue;
    }
    if (diff.status === "unchanged") {
      lines.push(`${diff.api}: unchanged (info.version ${diff.version})`);
      continue;
    }
    const { versions, changes } = diff;
    const version = `info.version ${versions.base} -> ${versions.head}`;
    if (changes.length === 0) {
      lines.push(`${diff.api}: no breaking changes (${version})`);
      continue;
    }
    const count = `${changes.length} breaking change${changes.length === 1 ? "" : "s"}`;
    lines.push(
      diff.majorRaised ? `${diff.api}: ${count}, allowed: the major version was raised (${version})` : `${diff.api}: ${count} (${version})`,
    );
    for (const change of changes) lines.push(`  ${diff.majorRaised ? "!" : "✗"} ${describeChange(change)}`);
    if (!diff.majorRaised) blocking.push(`${diff.api} (${count}; info.version ${versions.head})`);
  }
  for (const api of result.removedApis) {
    // Removing a whole API removes every operation its users call: the biggest breaking change there is.
    lines.push(`${api}: ✗ removed from redocly.yaml since ${result.ref}`);
    blocking.push(`${api} (the whole API was removed)`);
  }
  lines.push("");
  if (blocking.length > 0) {
    lines.push(
      `✗ Breaking changes in ${blocking.join(", ")}.`,
      "  Restore what the clients rely on, or, if the break is intended, raise the major part of that spec's info.version in the same change.",
    );
  } else {
    lines.push("✓ No breaking change that needs a major version.");
  }
  return { lines, failed: blocking.length > 0 };
}

/** "getCompany (GET /v2/companies/{id}) response 200 application/json, field name: cannot make required response property 'name' optional" */
export function describeChange(change: BreakingChange): string {
  const operation = `${change.operationId ?? "(no operationId)"} (${change.method} ${change.path})`;
  const where = change.part === "operation" ? operation : `${operation} ${change.part}`;
  return `${where}${change.field ? `, field ${change.field}` : ""}: ${change.message} [${change.rule}]`;
}

function git(repo: string, args: string[]): string {
  return execFileSync("git", args, { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

function resolveCommit(repo: string, ref: string): string {
  const result = spawnSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: repo, encoding: "utf8" });
  if (result.error) throw new SpecDiffUsageError(`spec:diff: cannot run git: ${result.error.message}`);
  if (result.status !== 0) {
    const inRepo = spawnSync("git", ["rev-parse", "--git-dir"], { cwd: repo, encoding: "utf8" }).status === 0;
    throw new SpecDiffUsageError(
      inRepo
        ? `spec:diff: unknown git ref "${ref}": it names no commit in ${repo}. Pass a branch, tag or commit (e.g. --base HEAD~1, --base origin/main); in a shallow clone, fetch the history first (git fetch --deepen=1).`
        : `spec:diff: ${repo} is not a git repository, so there is no "${ref}" to compare with.`,
    );
  }
  return result.stdout.trim();
}

function existsAt(repo: string, sha: string, path: string): boolean {
  return git(repo, ["ls-tree", "--name-only", sha, "--", path]) !== "";
}

function extract(repo: string, sha: string, paths: string[], into: string) {
  const archive = execFileSync("git", ["archive", "--format=tar", sha, "--", ...paths], { cwd: repo, maxBuffer: 256 * 1024 * 1024 });
  mkdirSync(into, { recursive: true });
  execFileSync("tar", ["-x", "-C", into], { input: archive });
}

/** API names in redocly.yaml at a commit ([] when it had none or no redocly.yaml). */
function apiNamesAt(repo: string, sha: string, configFile: string): string[] {
  if (!existsAt(repo, sha, configFile)) return [];
  try {
    const config = parse(git(repo, ["show", `${sha}:${configFile}`])) as { apis?: Record<string, unknown> } | null;
    return Object.keys(config?.apis ?? {});
  } catch {
    return [];
  }
}

/** Bundles a spec into one JSON file; returns the file, its text and the document. */
async function bundleTo(root: string, file: string, label: string): Promise<{ file: string; text: string; document: OpenApiNode }> {
  const { bundle: result, problems } = await bundle({ ref: root, config: await createConfig({}) });
  const fatal = problems.filter((p) => p.severity === "error");
  if (fatal.length > 0) throw new Error(`spec:diff: cannot bundle ${label} (${root}): ${fatal.map((p) => p.message).join("; ")}`);
  const text = JSON.stringify(result.parsed);
  writeFileSync(file, text);
  return { file, text, document: result.parsed as OpenApiNode };
}

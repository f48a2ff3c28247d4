/**
 * `npm run spec:diff` end to end on a throw-away git repository: the base spec comes from a commit,
 * the head from the working tree; plus the command line's errors.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/api-registry.js";
import { diffSpecs, formatSpecDiff, SpecDiffUsageError } from "../../scripts/lib/spec-diff.js";

const base = readFileSync(join(import.meta.dirname, "fixtures", "base.yaml"), "utf8");
const companySchema = base.slice(base.indexOf("    Company:\n") + "    Company:\n".length).replace(/^ {6}/gm, "");
/** base.yaml split in two files, as the real specs are: Company lives in components/schemas/Company.yaml. */
const openapi = `${base.slice(0, base.indexOf("    Company:\n"))}    Company:\n      $ref: components/schemas/Company.yaml\n`;

const apiEntry = (name: string, port: number) =>
  `  ${name}:\n    root: specs/${name}/openapi.yaml\n    x-openapi-ts:\n      output: generated/${name}.ts\n    x-crm-kit:\n      mockPort: ${port}\n`;

let repo: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
};
const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.email=test@crm-kit", "-c", "user.name=test", ...args], { cwd: repo, stdio: "pipe" });

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "crm-kit-spec-diff-test-"));
  git("init", "--quiet");
  write("redocly.yaml", `apis:\n${apiEntry("companies", 4100)}`);
  write("specs/companies/openapi.yaml", openapi);
  write("specs/companies/components/schemas/Company.yaml", companySchema);
  git("add", ".");
  git("commit", "--quiet", "-m", "base");
  // The working tree: a required response field dropped from a referenced file, and a new API.
  write(
    "specs/companies/components/schemas/Company.yaml",
    companySchema.replace("required: [id, name]", "required: [id]").replace("  name: {type: string}\n", ""),
  );
  write("redocly.yaml", `apis:\n${apiEntry("companies", 4100)}${apiEntry("people", 4101)}`);
  write("specs/people/openapi.yaml", base);
}, 60_000);

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe("diffSpecs against a git ref", () => {
  it("compares the working tree with the ref, naming API, operation and field; a new API is not breaking", async () => {
    const result = await diffSpecs(repo, "HEAD");
    expect(result.apis.map((a) => [a.api, a.status])).toEqual([
      ["companies", "compared"],
      ["people", "new"],
    ]);
    const { lines, failed } = formatSpecDiff(result);
    expect(failed).toBe(true);
    expect(lines).toContain("companies: 2 breaking changes (info.version 1.2.0 -> 1.2.0)");
    expect(lines).toContain(
      "  ✗ listCompanies (GET /companies) response 200 application/json, field data[].name: cannot remove response property 'name' [prevent removing response property]",
    );
    expect(lines).toContain("people: new since HEAD, nothing to compare");
  }, 60_000);

  it("rejects a ref that names no commit, saying what to pass instead", async () => {
    await expect(diffSpecs(repo, "no-such-branch")).rejects.toThrow(SpecDiffUsageError);
    await expect(diffSpecs(repo, "no-such-branch")).rejects.toThrow(/unknown git ref "no-such-branch".*--base HEAD~1/);
  }, 60_000);
});

describe("the spec:diff command line", () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "scripts/spec-diff.ts", ...args], {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: 100_000,
    });

  it("exits 2 with the usage when --base is missing", () => {
    const result = cli();
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("spec:diff: missing --base <git-ref>");
    expect(result.stderr).toContain("Usage: npm run spec:diff -- --base <git-ref>");
  }, 120_000);

  it("exits 2 naming the ref when it is not a commit", () => {
    const result = cli("--base", "no-such-ref-xyz");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown git ref "no-such-ref-xyz"');
  }, 120_000);
});

/**
 * The TypeScript examples of README.md and docs/ compile against the library as it is: each ```ts block is a
 * whole module on its own (imports included, nothing borrowed from another block), compiled with "crm-kit/…"
 * mapped to src/ under the repository's tsconfig (`strict`, `noUncheckedIndexedAccess`). src/ itself does not
 * compile under `exactOptionalPropertyTypes`, so that setting needs the built package's types (dist/), not src/.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/api-registry.js";

function tsBlocks(markdown: string): Array<{ line: number; code: string }> {
  const snippets: Array<{ line: number; code: string }> = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== "```ts") continue;
    const start = i + 1;
    while (i + 1 < lines.length && lines[i + 1]?.trim() !== "```") i++;
    snippets.push({ line: start + 1, code: lines.slice(start, i + 1).join("\n") });
  }
  return snippets;
}

/** README.md and every Markdown file under docs/ (which also holds generated HTML, skipped here). */
function markdownFiles(): string[] {
  const docs = join(repoRoot, "docs");
  let found: string[] = [];
  try {
    found = readdirSync(docs, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".md"));
  } catch {
    // No docs/ folder: only the README.
  }
  return [join(repoRoot, "README.md"), ...found.sort().map((file) => join(docs, file))];
}

describe("README and docs/", () => {
  const snippets = markdownFiles().flatMap((file) =>
    tsBlocks(readFileSync(file, "utf8")).map((block) => ({ ...block, name: relative(repoRoot, file).replace(/[/\\.]/g, "_") })),
  );

  it("has TypeScript examples", () => {
    expect(snippets.length).toBeGreaterThanOrEqual(5);
  });

  it("every TypeScript example type-checks on its own against src/", () => {
    const dir = join(repoRoot, "reports", "readme-snippets");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const { name, line, code } of snippets) writeFileSync(join(dir, `${name}-line-${line}.ts`), `${code}\n`);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../../tsconfig.json",
        compilerOptions: {
          noEmit: true,
          noUnusedLocals: false,
          paths: {
            "crm-kit": ["../../src/core/index.ts"],
            "crm-kit/vendor-kit": ["../../src/core/vendor-kit.ts"],
            "crm-kit/*": ["../../src/*/index.ts"],
          },
        },
        include: ["*.ts"],
      }),
    );
    const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe("");
    // tsc over the whole src/ takes seconds here and three times as long on a slower machine.
  }, 120_000);
});

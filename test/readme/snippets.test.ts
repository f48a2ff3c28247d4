/**
 * The README's TypeScript examples compile against the library as it is: each ```ts block becomes a
 * module (importing "crm-kit/…" from src/), with the free names it leans on (a client made in an
 * earlier block, an `id`) declared for it.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/api-registry.js";
import { tsBlocks } from "./markdown-blocks.js";

/** Names the examples use without defining them, and how to define them. */
const context: Record<string, string> = {
  featurebase: 'declare const featurebase: import("crm-kit/featurebase").FeaturebaseClient;',
  kare: 'declare const kare: import("crm-kit/kare").KareClient;',
  emnify: 'declare const emnify: import("crm-kit/emnify").EmnifyClient;',
  id: "declare const id: string;",
  apiKey: "declare const apiKey: string;",
  unwrap: 'import { unwrap } from "crm-kit";',
  createFolkClient: 'import { createFolkClient } from "crm-kit/folk";',
  paginateFeaturebase: 'import { paginateFeaturebase } from "crm-kit/featurebase";',
  paginateKare: 'import { paginateKare } from "crm-kit/kare";',
  paginateEmnify: 'import { paginateEmnify } from "crm-kit/emnify";',
};

function withContext(code: string): string {
  const defined = new Set<string>();
  for (const m of code.matchAll(/import\s*\{([^}]*)\}/g)) for (const name of (m[1] ?? "").split(",")) defined.add(name.trim());
  for (const m of code.matchAll(/\b(?:const|let)\s+(\w+)/g)) defined.add(m[1] as string);
  const prelude = Object.entries(context)
    .filter(([name]) => !defined.has(name) && new RegExp(`\\b${name}\\b`).test(code))
    .map(([, line]) => line);
  return [...prelude, code, "export {};", ""].join("\n");
}

describe("README", () => {
  const snippets = tsBlocks(readFileSync(join(repoRoot, "README.md"), "utf8"));

  it("has TypeScript examples", () => {
    expect(snippets.length).toBeGreaterThanOrEqual(5);
  });

  it("every TypeScript example type-checks against src/", () => {
    const dir = join(repoRoot, "reports", "readme-snippets");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const { line, code } of snippets) writeFileSync(join(dir, `README.md-line-${line}.ts`), withContext(code));
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

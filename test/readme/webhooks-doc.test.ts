/**
 * docs/webhooks.md: each ```ts block is a complete module that compiles on its own against the package's
 * entry points (crm-kit, crm-kit/folk, crm-kit/featurebase, crm-kit/sandbox), with nothing declared for it.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/api-registry.js";
import { tsBlocks } from "./markdown-blocks.js";

it("every ```ts block of docs/webhooks.md compiles as a module of its own", () => {
  const blocks = tsBlocks(readFileSync(join(repoRoot, "docs", "webhooks.md"), "utf8"));
  expect(blocks.length).toBeGreaterThanOrEqual(5);
  const dir = join(repoRoot, "reports", "webhooks-doc-snippets");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // `export {}` keeps a block without imports a module, so its top-level await and names stay its own.
  for (const { line, code } of blocks) writeFileSync(join(dir, `webhooks.md-line-${line}.ts`), `${code}\nexport {};\n`);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: "../../tsconfig.json",
      compilerOptions: {
        noEmit: true,
        paths: {
          "crm-kit": ["../../src/core/index.ts"],
          "crm-kit/*": ["../../src/*/index.ts"],
        },
      },
      include: ["*.ts"],
    }),
  );
  let output = "";
  try {
    execFileSync(process.execPath, [join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", join(dir, "tsconfig.json")], {
      encoding: "utf8",
      stdio: "pipe",
    });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? error);
  }
  expect(output).toBe("");
}, 120_000);

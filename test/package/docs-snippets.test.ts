/**
 * Every ```ts block of README.md and docs/ is a whole module a user can paste: each is type-checked on its own
 * in a scratch app that installed only the packed crm-kit, its optional peers standardwebhooks and ioredis, vitest, Node's
 * types and TypeScript, under
 * `strict`, `exactOptionalPropertyTypes`, `noUncheckedIndexedAccess` and `module: nodenext`. Those that use
 * the in-process sandbox then run: a block that imports vitest as a vitest test file, any other with node.
 * A block preceded by `<!-- compile-only -->` is type-checked but not run (it waits on a server, say).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { repoRoot } from "../../scripts/lib/api-registry.js";
import { createScratchApp, type ScratchApp, strictCompilerOptions } from "./scratch-app.js";

interface Snippet {
  /** `README.md:42`: the file and the line of the fence. */
  where: string;
  /** The module's file name in the scratch app. */
  file: string;
  code: string;
  runs: boolean;
}

/** README.md and every Markdown file under docs/. */
function documents(): string[] {
  const docs = join(repoRoot, "docs");
  const found = readdirSync(docs, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".md"))
    .map((f) => join(docs, f));
  return [join(repoRoot, "README.md"), ...found.sort()];
}

function snippetsOf(path: string): Snippet[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const name = relative(repoRoot, path);
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== "```ts") continue;
    const fence = i;
    const body: string[] = [];
    while (++i < lines.length && lines[i]?.trim() !== "```") body.push(lines[i] as string);
    const code = body.join("\n");
    const compileOnly = lines[fence - 1]?.trim() === "<!-- compile-only -->" || lines[fence - 2]?.trim() === "<!-- compile-only -->";
    const usesVitest = /from "vitest"/.test(code);
    const base = `${name.replace(/[^A-Za-z0-9]+/g, "-")}-line-${fence + 1}`;
    snippets.push({
      where: `${name}:${fence + 1}`,
      file: `snippets/${base}${usesVitest ? ".test" : ""}.ts`,
      code,
      runs: !compileOnly && /createSandbox\(/.test(code),
    });
  }
  return snippets;
}

const snippets = documents().flatMap(snippetsOf);
let app: ScratchApp;

beforeAll(async () => {
  app = createScratchApp({ type: "module" });
  for (const snippet of snippets) app.write(snippet.file, `${snippet.code}\n`);
  app.write(
    "tsconfig.json",
    JSON.stringify({ compilerOptions: { ...strictCompilerOptions, types: ["node"], outDir: "out", rootDir: "." }, include: ["snippets"] }),
  );
  await app.run("npm", [
    "install",
    "--engine-strict",
    "--no-audit",
    "--no-fund",
    inject("tarball"),
    // crm-kit/folk's optional peer, for verifyFolkWebhook in docs/webhooks.md.
    "standardwebhooks@1.3.0",
    // crm-kit/redis's optional peer, for docs/redis.md.
    "ioredis@6.1.0",
    "vitest@4.1.12",
    "@types/node@20.19.43",
    "typescript@5.9.3",
  ]);
}, 300_000);

afterAll(() => app?.remove());

describe("the TypeScript blocks of README.md and docs/", () => {
  it("are there, in README.md and in docs/", () => {
    expect(snippets.filter((s) => s.where.startsWith("README.md")).length).toBeGreaterThanOrEqual(5);
    expect(snippets.filter((s) => s.where.startsWith("docs/")).length).toBeGreaterThanOrEqual(5);
    expect(snippets.filter((s) => s.runs).length).toBeGreaterThanOrEqual(3);
  });

  it("each compiles on its own against the installed package", async () => {
    let output = "";
    try {
      await app.run(process.execPath, [join(app.dir, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"]);
    } catch (error) {
      output = (error as Error).message;
    }
    // Name each failing block by its place in the docs rather than by the scratch file.
    for (const s of snippets) output = output.replaceAll(s.file, s.where);
    expect(output).toBe("");
  }, 300_000);

  for (const snippet of snippets.filter((s) => s.runs)) {
    it(`${snippet.where} runs against the sandbox`, async () => {
      if (snippet.file.endsWith(".test.ts")) {
        const { stdout } = await app.run(process.execPath, [join(app.dir, "node_modules", "vitest", "vitest.mjs"), "run", snippet.file]);
        expect(stripVTControlCharacters(stdout)).toMatch(/Tests\s+\d+ passed \(\d+\)/);
      } else {
        await expect(app.run(process.execPath, [join("out", snippet.file.replace(/\.ts$/, ".js"))])).resolves.toBeDefined();
      }
    }, 120_000);
  }
});

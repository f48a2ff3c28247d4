/**
 * The README's `sandbox.calls` example is test/sandbox/readme-calls-example.test.ts with the package's entry
 * names as imports: that file runs in `npm test` and type-checks in `npm run typecheck`, so the example does too.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/api-registry.js";

const ENTRIES: Record<string, string> = {
  '"../../src/featurebase/index.js"': '"crm-kit/featurebase"',
  '"../../src/sandbox/index.js"': '"crm-kit/sandbox"',
};

function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? "");
}

describe("README.md", () => {
  it("shows test/sandbox/readme-calls-example.test.ts, importing the package's entries", () => {
    let example = readFileSync(join(repoRoot, "test/sandbox/readme-calls-example.test.ts"), "utf8");
    for (const [path, entry] of Object.entries(ENTRIES)) example = example.replaceAll(path, entry);
    expect(example).toContain('from "crm-kit/sandbox"');
    expect(tsBlocks(readFileSync(join(repoRoot, "README.md"), "utf8"))).toContain(example);
  });
});

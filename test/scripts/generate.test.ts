import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { documentOutput, renderApis, retryOutput, staleOutputs, stopTypesRenderer, writeOutputs } from "../../scripts/generate.js";
import { type ApiEntry, loadApis, repoRoot } from "../../scripts/lib/api-registry.js";

// Loading Redocly and the TypeScript compiler, then rendering Kare a few times, takes 1-2 s here under load.
const TIMEOUT_MS = 60_000;

/** Kare's spec copied to a temporary folder, with its outputs there too, so the test can change both. */
function kareCopy(): { api: ApiEntry; dir: string } {
  const kare = loadApis().find((a) => a.name === "kare");
  if (!kare) throw new Error("redocly.yaml has no kare API");
  const dir = mkdtempSync(join(tmpdir(), "crm-kit-generate-"));
  cpSync(join(repoRoot, "specs/kare"), join(dir, "specs/kare"), { recursive: true });
  const api = { ...kare, root: join(dir, "specs/kare/openapi.yaml"), output: join(dir, "generated/kare.ts") };
  return { api, dir };
}

describe("generate", () => {
  let api: ApiEntry;
  let dir: string;
  beforeEach(() => {
    ({ api, dir } = kareCopy());
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  afterAll(() => stopTypesRenderer());

  it(
    "--check finds written outputs up to date, and both stale once a schema the spec refers to changes",
    async () => {
      writeOutputs(await renderApis([api]));
      expect(staleOutputs(await renderApis([api]))).toEqual([]);

      const schema = join(dir, "specs/kare/components/schemas/Actions.yaml");
      writeFileSync(schema, readFileSync(schema, "utf8").replace("What the caller is allowed", "What the caller may"));
      const stale = staleOutputs(await renderApis([api]));
      expect(stale).toHaveLength(2);
      expect(stale[0]).toMatch(/generated\/kare\.ts \(differs from .*specs\/kare\/openapi\.yaml\)$/);
      expect(stale[1]).toMatch(/generated\/kare\.openapi\.ts \(differs from .*specs\/kare\/openapi\.yaml\)$/);
    },
    TIMEOUT_MS,
  );

  it(
    "writes the operations marked x-crm-kit-idempotent true to generated/<api>.retry.ts, and --check sees a changed decision",
    async () => {
      const contact = join(dir, "specs/kare/paths/companies_v2_rs_{companyId}_contacts_{contactId}.yaml");
      const marked = (rendered: Awaited<ReturnType<typeof renderApis>>) =>
        rendered[0]?.outputs.find(([output]) => output === retryOutput(api))?.[1] ?? "missing";
      const before = await renderApis([api]);
      writeOutputs(before);
      expect(marked(before)).not.toContain("PATCH /companies/v2/rs/{companyId}/contacts/{contactId}");

      writeFileSync(contact, readFileSync(contact, "utf8").replace(/(x-crm-kit-idempotent:\n\s+value: )false/, "$1true"));
      const after = await renderApis([api]);
      expect(marked(after)).toContain('"PATCH /companies/v2/rs/{companyId}/contacts/{contactId}"');
      // The bundled document carries the extension too; the types do not change.
      expect(staleOutputs(after)).toEqual([
        expect.stringMatching(/generated\/kare\.openapi\.ts \(differs from .*openapi\.yaml\)$/),
        expect.stringMatching(/generated\/kare\.retry\.ts \(differs from .*openapi\.yaml\)$/),
      ]);

      writeFileSync(contact, readFileSync(contact, "utf8").replace(/(x-crm-kit-idempotent:\n\s+value: )true/, "$1maybe"));
      await expect(renderApis([api])).rejects.toThrow(
        /specs\/kare\/openapi\.yaml: PATCH \/companies\/v2\/rs\/\{companyId\}\/contacts\/\{contactId\}: x-crm-kit-idempotent\.value must be true or false/,
      );
    },
    TIMEOUT_MS,
  );

  it(
    "--check names a missing output as missing",
    async () => {
      const rendered = await renderApis([api]);
      writeOutputs(rendered);
      rmSync(documentOutput(api));
      expect(staleOutputs(rendered)).toEqual([expect.stringMatching(/generated\/kare\.openapi\.ts \(missing .*openapi\.yaml\)$/)]);
    },
    TIMEOUT_MS,
  );

  it(
    "refuses a spec whose $ref cannot be resolved, naming the spec and the file",
    async () => {
      rmSync(join(dir, "specs/kare/components/schemas/Actions.yaml"));
      await expect(renderApis([api])).rejects.toThrow(/specs\/kare\/openapi\.yaml: cannot bundle the spec: .*Actions\.yaml/);
    },
    TIMEOUT_MS,
  );
});

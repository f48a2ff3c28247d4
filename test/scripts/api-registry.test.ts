import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadApis } from "../../scripts/lib/api-registry.js";

function config(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "crm-kit-registry-"));
  const path = join(dir, "redocly.yaml");
  writeFileSync(path, text);
  return path;
}

const api = (name: string, port: number) => `
  ${name}:
    root: specs/${name}/openapi.yaml
    x-openapi-ts:
      output: generated/${name}.ts
    x-crm-kit:
      mockPort: ${port}`;

describe("loadApis", () => {
  it("lists every API of the repository's redocly.yaml with absolute paths and distinct ports", () => {
    const apis = loadApis();
    expect(apis.map((a) => a.name)).toEqual(["featurebase", "folk", "emnify", "kare"]);
    for (const a of apis) {
      expect(a.root).toMatch(new RegExp(`/specs/${a.name}/openapi\\.yaml$`));
      expect(a.output).toMatch(new RegExp(`/generated/${a.name}\\.ts$`));
    }
    expect(new Set(apis.map((a) => a.mockPort)).size).toBe(apis.length);
  });

  it("resolves paths against the config file's folder", () => {
    const path = config(`apis:${api("acme", 5000)}`);
    const [acme] = loadApis(path);
    expect(acme?.root).toBe(join(path, "..", "specs/acme/openapi.yaml"));
  });

  it("names the API and key when the generated output is missing", () => {
    const path = config("apis:\n  acme:\n    root: specs/acme/openapi.yaml\n    x-crm-kit: {mockPort: 5000}\n");
    expect(() => loadApis(path)).toThrow(/apis\.acme\.x-openapi-ts\.output: missing/);
  });

  it("refuses a mock port that is not a port number", () => {
    expect(() => loadApis(config(`apis:${api("acme", 80)}`))).toThrow(/apis\.acme\.x-crm-kit\.mockPort: expected an integer port/);
  });

  it("refuses two APIs on the same mock port, naming both", () => {
    expect(() => loadApis(config(`apis:${api("acme", 5000)}${api("zeta", 5000)}`))).toThrow(/apis\.zeta.*5000 is already used by "acme"/);
  });

  it("refuses a config without APIs", () => {
    expect(() => loadApis(config("extends: [recommended]\n"))).toThrow(/expected an "apis:" map/);
  });
});

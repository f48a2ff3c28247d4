/**
 * The list of APIs, read from redocly.yaml: the one place that lint, codegen, the mocks and the
 * contract tests learn which APIs exist.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** Repository root (scripts/lib/ is two levels below it). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface ApiEntry {
  /** API name, the key under `apis:` (also the folder name in specs/, src/ and contract-tests/). */
  name: string;
  /** Absolute path of the spec's root file. */
  root: string;
  /** Absolute path of the generated types file (`x-openapi-ts.output`). */
  output: string;
  /** Fixed port of the mock server started by `npm start` (`x-crm-kit.mockPort`). */
  mockPort: number;
}

/** Reads and checks the `apis:` section of redocly.yaml. Throws an error naming the file and key on bad input. */
export function loadApis(configPath = resolve(repoRoot, "redocly.yaml")): ApiEntry[] {
  const raw: unknown = parse(readFileSync(configPath, "utf8"));
  const where = (key: string) => `${configPath}: apis.${key}`;
  if (!isRecord(raw) || !isRecord(raw.apis) || Object.keys(raw.apis).length === 0) {
    throw new Error(`${configPath}: expected an "apis:" map with at least one API`);
  }
  const base = dirname(configPath);
  const ports = new Map<number, string>();
  return Object.entries(raw.apis).map(([name, value]) => {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) {
      throw new Error(`${where(name)}: API names must be lower-case letters, digits and dashes`);
    }
    if (!isRecord(value) || typeof value.root !== "string") {
      throw new Error(`${where(name)}.root: missing; set it to the spec's root file`);
    }
    const ts = value["x-openapi-ts"];
    if (!isRecord(ts) || typeof ts.output !== "string") {
      throw new Error(`${where(name)}.x-openapi-ts.output: missing; set it to generated/${name}.ts`);
    }
    const kit = value["x-crm-kit"];
    const mockPort = isRecord(kit) ? kit.mockPort : undefined;
    if (typeof mockPort !== "number" || !Number.isInteger(mockPort) || mockPort < 1024 || mockPort > 65535) {
      throw new Error(`${where(name)}.x-crm-kit.mockPort: expected an integer port 1024-65535, got ${String(mockPort)}`);
    }
    const clash = ports.get(mockPort);
    if (clash) throw new Error(`${where(name)}.x-crm-kit.mockPort: ${mockPort} is already used by "${clash}"`);
    ports.set(mockPort, name);
    return { name, root: resolve(base, value.root), output: resolve(base, ts.output), mockPort };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

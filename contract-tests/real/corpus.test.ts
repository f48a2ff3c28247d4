/**
 * The corpus of real response bodies (README.md here): each one, with its source, validates against the response
 * schema its spec documents for the operation and status it was seen on. A body the spec refuses is a spec stricter
 * than the vendor.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import emnifyDocument from "../../generated/emnify.openapi.js";
import featurebaseDocument from "../../generated/featurebase.openapi.js";
import folkDocument from "../../generated/folk.openapi.js";
import kareDocument from "../../generated/kare.openapi.js";

const CORPUS = import.meta.dirname;
const DOCUMENTS: Record<string, Record<string, unknown>> = {
  emnify: emnifyDocument,
  featurebase: featurebaseDocument,
  folk: folkDocument,
  kare: kareDocument,
};

interface Entry {
  source: { url?: string; repository?: string; path?: string; commit?: string; kind: string };
  observed: { method: string; url: string; status: number };
  checkedAgainst: { operationId: string; status: number };
  note?: string;
  body: unknown;
}

type Response = { $ref?: string; content?: Record<string, { schema?: unknown }> };
type Operation = { operationId?: string; responses?: Record<string, Response> };

/** A shared response (`$ref: #/components/responses/NotFound`) resolved in the bundled document. */
function resolve(document: Record<string, unknown>, response: Response | undefined): [Response | undefined, string | undefined] {
  if (response?.$ref === undefined) return [response, undefined];
  const target = response.$ref
    .slice(2)
    .split("/")
    .reduce<unknown>(
      (node, key) => (node as Record<string, unknown> | undefined)?.[key.replaceAll("~1", "/").replaceAll("~0", "~")],
      document,
    );
  return [target as Response | undefined, response.$ref];
}

/** `#/paths/…/responses/<status>/content/application~1json/schema` of an operation, or undefined when not documented. */
function schemaPointer(document: Record<string, unknown>, operationId: string, status: number): string | undefined {
  const paths = document.paths as Record<string, Record<string, Operation>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation?.operationId !== operationId) continue;
      const [response, ref] = resolve(document, operation.responses?.[String(status)]);
      if (!response?.content?.["application/json"]?.schema) return undefined;
      const base = ref ?? `#/paths/${path.replaceAll("~", "~0").replaceAll("/", "~1")}/${method}/responses/${status}`;
      return `${base}/content/application~1json/schema`;
    }
  }
  throw new Error(`no operation ${operationId}`);
}

function validatorOf(api: string, document: Record<string, unknown>) {
  // The OpenAPI 3.1 schemas are JSON Schema 2020-12; `example` and the like are annotations Ajv need not know.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(document, api);
  return (pointer: string) => ajv.compile({ $ref: `${api}${pointer}` });
}

function entriesOf(api: string): Array<[string, Entry]> {
  return readdirSync(join(CORPUS, api))
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => [file, JSON.parse(readFileSync(join(CORPUS, api, file), "utf8")) as Entry]);
}

describe("the corpus of real bodies", () => {
  for (const [api, document] of Object.entries(DOCUMENTS)) {
    const compile = validatorOf(api, document);
    for (const [file, entry] of entriesOf(api)) {
      const { operationId, status } = entry.checkedAgainst;
      it(`${api}/${file}: ${operationId} ${status} accepts it, and it names its source`, () => {
        const { url, repository, path, commit } = entry.source;
        // A URL, or a repository, a path in it and a full commit: a source a reader can open.
        expect(url !== undefined || (repository !== undefined && path !== undefined && /^[0-9a-f]{40}$/.test(commit ?? ""))).toBe(true);
        const pointer = schemaPointer(document, operationId, status);
        expect(pointer, `${operationId} documents no JSON body for ${status}`).toBeDefined();
        const validate = compile(pointer as string);
        const valid = validate(entry.body);
        expect(valid ? [] : validate.errors?.map((e) => `${e.instancePath || "(body)"} ${e.message}`)).toEqual([]);
      });
    }
  }

  it("README.md gives the number of bodies of each API", () => {
    const readme = readFileSync(join(CORPUS, "README.md"), "utf8");
    for (const api of Object.keys(DOCUMENTS)) {
      const row = new RegExp(`^\\| ${api} +\\| (\\d+) `, "m").exec(readme);
      expect(Number(row?.[1]), api).toBe(entriesOf(api).length);
    }
  });
});

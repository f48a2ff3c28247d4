/**
 * Writes, for every API in redocly.yaml, generated/<api>.ts (types, with openapi-typescript),
 * generated/<api>.openapi.ts (the spec bundled into one document, which the sandbox routes and validates by) and
 * generated/<api>.retry.ts (the operations the spec marks `x-crm-kit-idempotent: { value: true }`, which the client
 * retries like a GET; a few hundred bytes, so a client never loads the bundled spec to know them).
 *   npm run generate          write the files
 *   npm run generate:check    fail, naming the stale files, when a spec changed and its outputs were not regenerated
 *   npm run generate -- folk  only the named APIs
 *
 * Why it is fast (it runs in every `npm test`):
 * - redocly.yaml is loaded once, and each spec is resolved and bundled once; both outputs come from that bundle.
 * - openapi-typescript's transform gets the bundled document, not the spec's path. Given a path and our Redocly
 *   config, openapiTS() would resolve the files again and run every lint rule, the example validation included,
 *   which is `npm run lint`'s job and was most of the time. Lint never changes a document: the types are the same.
 * - The Redocly packages and openapi-typescript are loaded with require (openapi-typescript's CommonJS build):
 *   imported as ES modules under tsx, each of their files costs a round trip to tsx's loader thread, and Node
 *   scans the TypeScript compiler's 9 MB for export names.
 * - openapi-typescript (with the compiler, about half a second to load) runs in a worker thread started first, so
 *   it loads while this thread loads Redocly and bundles the specs.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, relative } from "node:path";
import { Worker } from "node:worker_threads";
import type { GlobalContext, OpenAPI3 } from "openapi-typescript";
import { type ApiEntry, loadApis, repoRoot } from "./lib/api-registry.js";
import { isEntryPoint } from "./lib/entry-point.js";

const require = createRequire(import.meta.url);
type Redocly = typeof import("@redocly/openapi-core");
type RedoclyConfig = Awaited<ReturnType<Redocly["loadConfig"]>>;
type BundledSpec = { api: ApiEntry; document: OpenAPI3 };

/** Resolves the spec's files into one document whose $refs are all internal (#/components/...). */
async function bundleSpec(redocly: Redocly, api: ApiEntry, config: RedoclyConfig): Promise<BundledSpec> {
  // The API's own config applies (its rule overrides and any decorators), as it does in `npm run lint`.
  const { bundle: result, problems } = await redocly.bundle({ ref: api.root, config: redocly.getMergedConfig(config, api.name) });
  const fatal = problems.filter((p) => p.severity === "error");
  if (fatal.length > 0)
    throw new Error(`${relative(repoRoot, api.root)}: cannot bundle the spec: ${fatal.map((p) => p.message).join("; ")}`);
  return { api, document: result.parsed };
}

/**
 * The settings openapiTS(document, options) hands its transform, with the same defaults (openapi-typescript 7.13's
 * src/index.ts), but for the three the worker adds (they hold functions or need the library): the discriminators
 * it scans, the $ref resolver, and Redocly's config, which no transform reads. openapiTS() itself would first lint
 * and bundle the document again, work bundleSpec has done. An option added by an upgrade fails typecheck here, and
 * a changed output fails generate:check.
 */
const TYPES_SETTINGS: Omit<GlobalContext, "discriminators" | "resolve" | "redoc"> = {
  additionalProperties: false,
  alphabetize: false,
  arrayLength: false,
  // A field with a default may be omitted by the caller: keep it optional in the types.
  defaultNonNullable: false,
  emptyObjectsUnknown: false,
  enum: false,
  enumValues: false,
  conditionalEnums: false,
  dedupeEnums: false,
  excludeDeprecated: false,
  exportType: false,
  immutable: false,
  rootTypes: false,
  rootTypesNoSchemaPrefix: false,
  rootTypesKeepCasing: false,
  injectFooter: [],
  pathParamsAsTypes: false,
  postTransform: undefined,
  propertiesRequiredByDefault: false,
  silent: true,
  inject: undefined,
  transform: undefined,
  transformProperty: undefined,
  makePathsEnum: false,
  generatePathParams: false,
  readWriteMarkers: false,
};

// The worker's whole program (CommonJS, no loader needed): openapi-typescript renders each document it is sent.
const TYPES_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const ots = require(require("node:module").createRequire(workerData.from).resolve("openapi-typescript"));
parentPort.on("message", ({ id, document, settings, provenance }) => {
  try {
    const context = {
      ...settings,
      discriminators: ots.scanDiscriminators(document, { silent: true, defaultNonNullable: false }),
      resolve: ($ref) => ots.resolveRef(document, $ref, { silent: true }),
      redoc: undefined,
    };
    parentPort.postMessage({ id, text: ots.COMMENT_HEADER + provenance + ots.astToString(ots.transformSchema(document, context)) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
});
`;

interface TypesRenderer {
  render(spec: BundledSpec): Promise<string>;
  stop(): Promise<void>;
}

let running: TypesRenderer | undefined;

/**
 * Renders types in a worker thread. Loading openapi-typescript and the TypeScript compiler it needs takes about
 * half a second, as long as loading Redocly and bundling every spec: started first, the worker loads while this
 * thread bundles. One worker serves every renderApis() of a process (a test renders several times); it keeps the
 * process alive only while a rendering is pending, and stopTypesRenderer() ends it.
 */
function typesRenderer(): TypesRenderer {
  if (running !== undefined) return running;
  const worker = new Worker(TYPES_WORKER, { eval: true, execArgv: [], workerData: { from: import.meta.url } });
  worker.unref();
  const waiting = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();
  const settle = (id: number): { resolve: (text: string) => void; reject: (error: Error) => void } | undefined => {
    const entry = waiting.get(id);
    waiting.delete(id);
    if (waiting.size === 0) worker.unref();
    return entry;
  };
  const failAll = (error: Error): void => {
    if (running === renderer) running = undefined;
    for (const id of [...waiting.keys()]) settle(id)?.reject(error);
  };
  worker.on("message", ({ id, text, error }: { id: number; text?: string; error?: string }) => {
    const entry = settle(id);
    if (error !== undefined) entry?.reject(new Error(`openapi-typescript could not render the types: ${error}`));
    else entry?.resolve(text as string);
  });
  worker.on("error", (error) => failAll(new Error(`the types worker failed: ${error.message}`)));
  worker.on("exit", (code) => failAll(new Error(`the types worker exited (code ${code}) before rendering every API`)));
  let next = 0;
  const renderer: TypesRenderer = {
    render({ api, document }) {
      const id = next++;
      const provenance = `// Generated from ${relative(repoRoot, api.root)} by \`npm run generate\`.\n\n`;
      return new Promise((resolve, reject) => {
        if (waiting.size === 0) worker.ref();
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, document, settings: TYPES_SETTINGS, provenance });
      });
    },
    stop: async () => {
      if (running === renderer) running = undefined;
      await worker.terminate();
    },
  };
  running = renderer;
  return renderer;
}

/** Ends the types worker, if one is running. */
export async function stopTypesRenderer(): Promise<void> {
  await running?.stop();
}

/** Path of the bundled document beside the types: generated/<api>.openapi.ts. */
export function documentOutput(api: ApiEntry): string {
  return api.output.replace(/\.ts$/, ".openapi.ts");
}

/** The opening lines of a generated module: the provenance header, and `what` the module holds. */
function generatedHeader(api: ApiEntry, what: string): string[] {
  return [
    "/**",
    " * This file was generated by `npm run generate` from the hand-written spec.",
    " * Do not make direct changes to the file.",
    " */",
    "",
    `// Generated from ${relative(repoRoot, api.root)} by \`npm run generate\`: ${what}`,
    "",
  ];
}

/** The bundled spec as a TS module, so the sandbox loads it synchronously in any runtime, without reading specs/. */
function renderDocument({ api, document }: BundledSpec): string {
  return [
    ...generatedHeader(api, "the spec bundled into one document."),
    `const document: { readonly [key: string]: unknown } = ${JSON.stringify(document, null, 2)};`,
    "",
    "export default document;",
    "",
  ].join("\n");
}

/** Path of the retry-safety module beside the types: generated/<api>.retry.ts. */
export function retryOutput(api: ApiEntry): string {
  return api.output.replace(/\.ts$/, ".retry.ts");
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/**
 * The operations whose `x-crm-kit-idempotent.value` is true, as "METHOD /path/template", in spec order. A value
 * that is not a boolean is refused here too (lint refuses it first), so a malformed decision never reads as false.
 */
export function idempotentOperations({ api, document }: BundledSpec): string[] {
  const marked: string[] = [];
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as Record<string, unknown> | undefined;
      const decision = operation?.["x-crm-kit-idempotent"] as { value?: unknown } | undefined;
      if (decision === undefined) continue;
      if (typeof decision?.value !== "boolean") {
        const where = `${relative(repoRoot, api.root)}: ${method.toUpperCase()} ${path}`;
        throw new Error(`${where}: x-crm-kit-idempotent.value must be true or false (run \`npm run lint:specs\`)`);
      }
      if (decision.value) marked.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return marked;
}

/** The operations a replay cannot apply twice, as a module the vendor's client imports. */
function renderRetry(spec: BundledSpec): string {
  return [
    ...generatedHeader(spec.api, "the operations marked `x-crm-kit-idempotent: { value: true }`."),
    "/**",
    ' * The operations a replay cannot apply twice, as "METHOD /path/template": the client retries them after a 5xx,',
    " * a reset or a timeout once sent, like a GET.",
    " */",
    `export const idempotentOperations: ReadonlySet<string> = new Set(${JSON.stringify(idempotentOperations(spec), null, 2)});`,
    "",
  ].join("\n");
}

/** An API's outputs as [path, text] pairs: its types, its bundled document, then its retry-safe operations. */
export interface RenderedApi {
  api: ApiEntry;
  outputs: Array<[string, string]>;
}

/** Renders the APIs' outputs in memory, all of them before anything is written. */
export async function renderApis(apis: ApiEntry[]): Promise<RenderedApi[]> {
  // The worker first, so that it loads while Redocly loads here and bundles.
  const types = typesRenderer();
  const redocly = require("@redocly/openapi-core") as Redocly;
  const config = await redocly.loadConfig({ configPath: `${repoRoot}/redocly.yaml` });
  return Promise.all(
    apis.map(async (api) => {
      const spec = await bundleSpec(redocly, api, config);
      // Rendered here before the worker gets its copy of the same object.
      const document = renderDocument(spec);
      const retry = renderRetry(spec);
      return {
        api,
        outputs: [
          [api.output, await types.render(spec)],
          [documentOutput(api), document],
          [retryOutput(api), retry],
        ] as Array<[string, string]>,
      };
    }),
  );
}

/** The outputs whose file is missing or differs from its rendering, each naming its spec. */
export function staleOutputs(rendered: RenderedApi[]): string[] {
  return rendered.flatMap(({ api, outputs }) =>
    outputs.flatMap(([output, text]) => {
      const current = existsSync(output) ? readFileSync(output, "utf8") : null;
      if (current === text) return [];
      return [`${relative(repoRoot, output)} (${current === null ? "missing" : "differs from"} ${relative(repoRoot, api.root)})`];
    }),
  );
}

export function writeOutputs(rendered: RenderedApi[]): void {
  for (const { outputs } of rendered) {
    for (const [output, text] of outputs) {
      mkdirSync(dirname(output), { recursive: true });
      writeFileSync(output, text);
    }
  }
}

async function main(check: boolean, only: string[]) {
  const started = performance.now();
  const apis = loadApis();
  const unknown = only.filter((name) => !apis.some((a) => a.name === name));
  if (unknown.length > 0) throw new Error(`generate: unknown API ${unknown.join(", ")} (known: ${apis.map((a) => a.name).join(", ")})`);
  const rendered = await renderApis(apis.filter((a) => only.length === 0 || only.includes(a.name)));
  if (!check) {
    writeOutputs(rendered);
    for (const { api, outputs } of rendered) console.log(`${api.name} -> ${outputs.map(([o]) => relative(repoRoot, o)).join(", ")}`);
    console.log(`Generated in ${Math.round(performance.now() - started)} ms.`);
    return;
  }
  const stale = staleOutputs(rendered);
  if (stale.length > 0) {
    console.error(`Generated files are out of date; run \`npm run generate\` and commit the result:\n  ${stale.join("\n  ")}`);
    process.exitCode = 1;
  } else {
    console.log("generated/ is up to date with specs/.");
  }
}

if (isEntryPoint(import.meta.url)) {
  const args = process.argv.slice(2);
  const flags = args.filter((a) => a.startsWith("-"));
  if (flags.some((f) => f !== "--check")) {
    console.error(`generate: unknown option ${flags.join(" ")}; usage: generate [--check] [api ...]`);
    process.exit(2);
  }
  try {
    await main(
      args.includes("--check"),
      args.filter((a) => !a.startsWith("-")),
    );
  } finally {
    await stopTypesRenderer();
  }
}

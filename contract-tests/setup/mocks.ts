/**
 * Vitest global setup of the contract tests: one Prism mock per API in redocly.yaml, each behind a
 * recording proxy, on free ports. Prism runs with --errors, so a mocked response that breaks its
 * spec comes back as an error the test sees. Everything is stopped at teardown, on failure too, and
 * what the mocks served is written to reports/contract-served.json for `npm run coverage:contract`. Each spec is
 * bundled once here and provided to every contract file, instead of once per file.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { loadApis, repoRoot } from "../../scripts/lib/api-registry.js";
import { type RunningPrism, startPrism } from "../../scripts/lib/prism.js";
import { type RecordingProxy, startRecordingProxy } from "../../scripts/lib/recording-proxy.js";
import { bundleSpec, type OpenApiNode, specFromDocument } from "../../scripts/lib/spec-operations.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** API name -> base URL of its (recorded) mock. */
    mockUrls: Record<string, string>;
    /** API name -> its spec, bundled once here for every contract file. */
    specDocuments: Record<string, OpenApiNode>;
  }
}

export const servedLogPath = join(repoRoot, "reports", "contract-served.json");

export default async function setup(project: TestProject) {
  const prisms: RunningPrism[] = [];
  const proxies: RecordingProxy[] = [];
  const teardown = async () => {
    const records = proxies.flatMap((p) => p.records);
    mkdirSync(join(repoRoot, "reports"), { recursive: true });
    writeFileSync(servedLogPath, `${JSON.stringify(records, null, 1)}\n`);
    await Promise.allSettled([...proxies.map((p) => p.close()), ...prisms.map((p) => p.stop())]);
  };
  try {
    const mockUrls: Record<string, string> = {};
    const specDocuments: Record<string, OpenApiNode> = {};
    // allSettled: when one mock fails to start, teardown still waits for (and stops) the others.
    const started = await Promise.allSettled(
      loadApis().map(async (api) => {
        const [document, prism] = await Promise.all([
          bundleSpec(api.root),
          startPrism({ name: api.name, spec: api.root, errors: true }).then((p) => {
            prisms.push(p);
            return p;
          }),
        ]);
        specDocuments[api.name] = document;
        const proxy = await startRecordingProxy(api.name, prism.url, specFromDocument(document, api.root).operations);
        proxies.push(proxy);
        mockUrls[api.name] = proxy.url;
      }),
    );
    const failed = started.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
    project.provide("mockUrls", mockUrls);
    project.provide("specDocuments", specDocuments);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

/**
 * Client overhead: median and p95 time per GET through each crm-kit client, against raw `fetch`, bare
 * openapi-fetch and other HTTP clients (peers.ts) in the same run, over keep-alive connections to a local
 * node:http server.
 */
import { isDeepStrictEqual } from "node:util";
import { loadApis } from "../../scripts/lib/api-registry.js";
import { loadSpec } from "../../scripts/lib/spec-operations.js";
import { type Summary, summarize } from "../lib/stats.js";
import { startBenchServer } from "./bench-server.js";
import { type Contender, type InterleaveOptions, interleave } from "./interleave.js";
import { PEERS } from "./peers.js";
import { type Route, rawFetch, VENDOR_CASES, type VendorCase } from "./vendors.js";

/** crm-kit's median may be at most this many times bare openapi-fetch's, in the same run. */
export const OVERHEAD_TARGET = 1.05;

export const DEFAULT_OVERHEAD_OPTIONS: InterleaveOptions = { warmup: 300, rounds: 40, batch: 50 };

export interface VendorOverhead {
  api: string;
  operation: string;
  raw: Summary;
  openapiFetch: Summary;
  crmKit: Summary;
  /** crm-kit median / raw fetch median. */
  vsRaw: number;
  /** crm-kit median / openapi-fetch median. */
  vsOpenapiFetch: number;
  pass: boolean;
  /** The other HTTP clients, in PEERS order, timed in the same rounds. */
  peers: { name: string; summary: Summary }[];
}

export interface OverheadResult {
  vendors: VendorOverhead[];
  options: InterleaveOptions;
  /** TCP connections the server accepted over the whole run (1 means every call reused one keep-alive connection). */
  connections: number;
  requests: number;
  bodyBytes: Record<string, number>;
}

export async function measureOverhead(options: InterleaveOptions = DEFAULT_OVERHEAD_OPTIONS): Promise<OverheadResult> {
  const examples = await loadExamples(VENDOR_CASES);
  const routes = Object.fromEntries([...examples].map(([route, body]) => [route, JSON.stringify(body)]));
  const server = await startBenchServer({ routes });
  try {
    const vendors: VendorOverhead[] = [];
    for (const vendor of VENDOR_CASES) {
      const contenders: Contender[] = [
        { name: "raw", run: rawFetch(server.url, vendor) },
        { name: "openapi-fetch", run: vendor.openapiFetch(server.url) },
        { name: "crm-kit", run: await vendor.crmKit(server.url) },
        ...PEERS.map((peer) => ({ name: peer.name, run: peer.call(server.url, vendor) })),
      ];
      const expected = examples.get(routeKey(vendor.get));
      for (const contender of contenders) {
        const body = await contender.run();
        if (!isDeepStrictEqual(body, expected))
          throw new Error(`${vendor.api} ${contender.name}: the body read differs from the spec example the server sent`);
      }
      const samples = await interleave(contenders, options);
      const summaryOf = (name: string): Summary => summarize(samples.get(name) as number[]);
      const [raw, openapiFetch, crmKit] = [summaryOf("raw"), summaryOf("openapi-fetch"), summaryOf("crm-kit")];
      const vsRaw = crmKit.median / raw.median;
      vendors.push({
        api: vendor.api,
        operation: `GET ${vendor.get.template}`,
        raw,
        openapiFetch,
        crmKit,
        vsRaw,
        vsOpenapiFetch: crmKit.median / openapiFetch.median,
        pass: crmKit.median / openapiFetch.median <= OVERHEAD_TARGET,
        peers: PEERS.map((peer) => ({ name: peer.name, summary: summaryOf(peer.name) })),
      });
    }
    const stats = await server.stats();
    if (stats.unmatched.length > 0) throw new Error(`bench server got requests it has no route for: ${stats.unmatched.join(", ")}`);
    const bodyBytes = Object.fromEntries(VENDOR_CASES.map((v) => [v.api, Buffer.byteLength(routes[routeKey(v.get)] as string)]));
    return { vendors, options, connections: stats.connections, requests: stats.requests, bodyBytes };
  } finally {
    await server.stop();
  }
}

const routeKey = (route: Route): string => `${route.method.toUpperCase()} ${route.path}`;

/** The 200 example of every route, from the specs, keyed "METHOD /path". */
async function loadExamples(vendors: readonly VendorCase[]): Promise<Map<string, unknown>> {
  const apis = loadApis();
  const examples = new Map<string, unknown>();
  for (const vendor of vendors) {
    const api = apis.find((a) => a.name === vendor.api);
    if (!api) throw new Error(`bench: no API "${vendor.api}" in redocly.yaml`);
    const { document } = await loadSpec(api.root);
    for (const route of [vendor.get, ...vendor.setup]) {
      const media = document.paths?.[route.template]?.[route.method]?.responses?.["200"]?.content?.["application/json"];
      const example = media?.example ?? (Object.values(media?.examples ?? {})[0] as { value?: unknown } | undefined)?.value;
      if (example === undefined) {
        throw new Error(
          `${api.root}: ${route.method.toUpperCase()} ${route.template} has no 200 application/json example for the bench server to answer with`,
        );
      }
      examples.set(routeKey(route), example);
    }
  }
  return examples;
}

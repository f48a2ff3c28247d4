/**
 * The transport's costliest steps on the wire: raw `fetch` against the bench server, alone and with one crm-kit
 * step added (using the real functions from src/core), interleaved like the main overhead run. Reading a body
 * twice costs more on a real socket stream than on the in-process stub, which is why this complements
 * transport-steps.ts.
 */
import { AttemptTimer } from "../../src/core/attempt-signal.js";
import { rebuildResponse } from "../../src/core/response-body.js";
import { median } from "../lib/stats.js";
import { startBenchServer } from "./bench-server.js";
import { type Contender, interleave } from "./interleave.js";

export interface WireStep {
  step: string;
  where: string;
  /** Median of raw fetch with the step, minus median of raw fetch alone, in ms. */
  addedMs: number;
}

export interface WireSteps {
  rawMedianMs: number;
  steps: WireStep[];
}

const PATH = "/v2/companies/507f1f77bcf86cd799439011";
const BODY = JSON.stringify({ object: "company", id: "507f1f77bcf86cd799439011", companyId: "comp_12345", name: "Acme Inc" });
const HEADERS = { Authorization: "Bearer sk_bench", "Featurebase-Version": "2026-01-01.nova" };

export async function measureWireSteps(options = { warmup: 200, rounds: 30, batch: 50 }): Promise<WireSteps> {
  const server = await startBenchServer({ routes: { [`GET ${PATH}`]: BODY } });
  const url = `${server.url}${PATH}`;
  try {
    const steps: (Contender & { where: string })[] = [
      {
        name: "the per-attempt timer's signal on the request (setTimeout, AbortController, AbortSignal.any)",
        where: "attempt-signal.ts AttemptTimer, transport.ts exchange()",
        run: async () => {
          const timer = new AttemptTimer(60_000, new AbortController().signal);
          try {
            return await (await fetch(url, { headers: HEADERS, signal: timer.signal })).json();
          } finally {
            timer.clear();
          }
        },
      },
      {
        name: "reading a 2xx body as text and rebuilding the Response for openapi-fetch to parse",
        where: "transport.ts finalize() → response-body.ts rebuildResponse()",
        run: async () => {
          const response = await fetch(url, { headers: HEADERS });
          return rebuildResponse(response, await response.text()).json();
        },
      },
      {
        name: "one Request built before fetch (openapi-fetch builds one; the transport one more per attempt for a custom fetch)",
        where: "guarded-fetch.ts prepareFetch()",
        run: async () => (await fetch(new Request(url, { headers: HEADERS }))).json(),
      },
    ];
    const raw: Contender = { name: "raw", run: async () => (await fetch(url, { headers: HEADERS })).json() };
    const samples = await interleave([raw, ...steps], options);
    const rawMedianMs = median(samples.get("raw") as number[]);
    return {
      rawMedianMs,
      steps: steps
        .map((s) => ({ step: s.name, where: s.where, addedMs: median(samples.get(s.name) as number[]) - rawMedianMs }))
        .sort((a, b) => b.addedMs - a.addedMs),
    };
  } finally {
    await server.stop();
  }
}

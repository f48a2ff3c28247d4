/**
 * The transport's steps that touch the platform fetch, on the wire: raw `fetch` against the bench server, alone
 * and with one crm-kit step added (using the real functions from src/core), interleaved like the main overhead run.
 * What a signal or a body read costs inside undici shows only on a real socket, which is why this complements
 * transport-steps.ts.
 */
import { AttemptTimer } from "../../src/core/attempt-signal.js";
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
        name: "the attempt's own AbortSignal on the request, so that a timeout or a caller abort closes the connection",
        where: "attempt-signal.ts AttemptTimer, transport.ts exchange()",
        run: async () => {
          const timer = new AttemptTimer(60_000);
          try {
            return await (await fetch(url, { headers: HEADERS, signal: timer.signal })).json();
          } finally {
            timer.clear();
          }
        },
      },
      {
        name: 'redirect: "manual" on the request (crm-kit follows same-origin redirects itself)',
        where: "transport.ts exchange()",
        run: async () => (await fetch(url, { headers: HEADERS, redirect: "manual" })).json(),
      },
      {
        name: "the body read chunk by chunk under the attempt's timer, then JSON.parse, instead of response.json()",
        where: "attempt-signal.ts AttemptTimer.readText(), call.ts parseJson()",
        run: async () => {
          const timer = new AttemptTimer(60_000);
          try {
            return JSON.parse(await timer.readText(await fetch(url, { headers: HEADERS })));
          } finally {
            timer.clear();
          }
        },
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

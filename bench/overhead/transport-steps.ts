/**
 * Where crm-kit's time per call goes: the CPU cost of each step the transport adds around openapi-fetch, timed in
 * process (no network) with the real functions from src/core. Run by the bench so that, when the overhead target
 * is missed, RESULTS.md names the steps that cost most on this machine.
 */
import createClient, { defaultPathSerializer } from "openapi-fetch";
import type { paths as FeaturebasePaths } from "../../generated/featurebase.js";
import { AttemptTimer } from "../../src/core/attempt-signal.js";
import { CheckedHeaders } from "../../src/core/headers.js";
import { hasCallOptions } from "../../src/core/options.js";
import { createPathSerializer } from "../../src/core/path.js";
import { createFeaturebaseClient } from "../../src/featurebase/index.js";
import { median } from "../lib/stats.js";

export interface StepCost {
  step: string;
  /** Where the step happens, file and function. */
  where: string;
  /** Median µs per call over the repeats. */
  micros: number;
}

export interface TransportSteps {
  /** Per-call µs with a stub fetch that answers at once: the client code alone. */
  openapiFetchMicros: number;
  crmKitMicros: number;
  steps: StepCost[];
}

const BASE_URL = "http://127.0.0.1:9";
const BODY = JSON.stringify({ object: "company", id: "507f1f77bcf86cd799439011", companyId: "comp_12345", name: "Acme Inc" });
const JSON_HEADERS = { "content-type": "application/json", "content-length": String(BODY.length) };
const TEMPLATE = "/v2/companies/{id}";
const PARAMS = { id: "507f1f77bcf86cd799439011" };
const URL_OF_CALL = `${BASE_URL}/v2/companies/${PARAMS.id}`;

/** Median µs per call of `run`, over `repeats` blocks of `ops` calls after a warm-up block. */
async function microsPerCall(run: () => unknown, ops: number, repeats: number): Promise<number> {
  const blocks: number[] = [];
  for (let r = -1; r < repeats; r += 1) {
    const started = performance.now();
    for (let i = 0; i < ops; i += 1) await run();
    if (r >= 0) blocks.push(((performance.now() - started) * 1000) / ops);
  }
  return median(blocks);
}

/** `with` minus `without`, both timed the same way: the cost a step adds over the work it replaces. */
async function addedMicros(withStep: () => unknown, withoutStep: () => unknown, ops: number, repeats: number): Promise<number> {
  return (await microsPerCall(withStep, ops, repeats)) - (await microsPerCall(withoutStep, ops, repeats));
}

export async function measureTransportSteps(ops = 5_000, repeats = 5): Promise<TransportSteps> {
  const stub = async (): Promise<Response> => new Response(BODY, { status: 200, headers: JSON_HEADERS });
  const bare = createClient<FeaturebasePaths>({ baseUrl: BASE_URL, headers: { Authorization: "Bearer sk_bench" }, fetch: stub });
  const crmKit = createFeaturebaseClient({ apiKey: "sk_bench", baseUrl: BASE_URL, fetch: stub, rateLimit: false });
  const openapiFetchMicros = await microsPerCall(() => bare.GET(TEMPLATE, { params: { path: PARAMS } }), ops, repeats);
  const crmKitMicros = await microsPerCall(() => crmKit.GET(TEMPLATE, { params: { path: PARAMS } }), ops, repeats);

  const outgoingHeaders = new Headers({ Authorization: "Bearer sk_bench", "Featurebase-Version": "2026-01-01.nova" });
  const pathSerializer = createPathSerializer(BASE_URL);
  const steps: StepCost[] = [
    {
      step: "the attempt's AbortController and its signal, and joining and leaving the deadline clock",
      where: "attempt-signal.ts AttemptTimer",
      micros: await microsPerCall(() => new AttemptTimer(60_000).signal && undefined, ops, repeats),
    },
    {
      step: "a 2xx JSON body read chunk by chunk under the attempt's timer and JSON.parse'd, over response.json()",
      where: "attempt-signal.ts AttemptTimer.readText(), call.ts parseJson()",
      micros: await addedMicros(
        async () => {
          const timer = new AttemptTimer(60_000);
          const text = await timer.readText(new Response(BODY, { status: 200, headers: JSON_HEADERS }));
          timer.clear();
          return JSON.parse(text);
        },
        async () => {
          const timer = new AttemptTimer(60_000);
          const data = await new Response(BODY, { status: 200, headers: JSON_HEADERS }).json();
          timer.clear();
          return data;
        },
        ops,
        repeats,
      ),
    },
    {
      step: "the wait on the fetch, which the attempt's end settles at once",
      where: "transport.ts exchange() → attempt-signal.ts AttemptTimer.wait()",
      micros: await addedMicros(
        async () => {
          const timer = new AttemptTimer(60_000);
          await timer.wait(Promise.resolve(1));
          timer.clear();
        },
        async () => {
          const timer = new AttemptTimer(60_000);
          await Promise.resolve(1);
          timer.clear();
        },
        ops,
        repeats,
      ),
    },
    {
      step: "a Request per attempt, carrying the auth headers and the attempt's signal (a custom fetch only, as here)",
      where: "guarded-fetch.ts prepareFetch()",
      micros: await addedMicros(
        () => new Request(URL_OF_CALL, { method: "GET", headers: outgoingHeaders, signal: new AbortController().signal }),
        () => new AbortController().signal,
        ops,
        repeats,
      ),
    },
    {
      step: "copy of the request headers that checks what the auth sets",
      where: "transport.ts send() → headers.ts CheckedHeaders",
      micros: await microsPerCall(
        () => new CheckedHeaders(outgoingHeaders, "set by the client's auth strategy").set("Authorization", "Bearer sk_bench"),
        ops,
        repeats,
      ),
    },
    {
      step: "path serializer that refuses empty and dot-segment ids, over openapi-fetch's own",
      where: "path.ts createPathSerializer()",
      micros: await addedMicros(
        () => pathSerializer(`${BASE_URL}${TEMPLATE}`, PARAMS),
        () => defaultPathSerializer(`${BASE_URL}${TEMPLATE}`, PARAMS),
        ops,
        repeats,
      ),
    },
    {
      step: "the look for per-call options that need checking (a call with only params, body and headers has none)",
      where: "call.ts invoke() → options.ts hasCallOptions()",
      micros: await microsPerCall(() => hasCallOptions({ params: { path: PARAMS } }), ops, repeats),
    },
  ];
  return { openapiFetchMicros, crmKitMicros, steps: steps.sort((a, b) => b.micros - a.micros) };
}

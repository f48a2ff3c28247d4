/**
 * Replays, against the stateful sandbox, every operation the spec marks `x-crm-kit-idempotent: { value: true }`,
 * which the client retries after a 5xx or a timeout: the sandbox's state after two calls must equal its state
 * after one. The operations come from generated/<api>.retry.ts, the set the client itself reads, so an operation
 * marked later is replayed here as soon as it is generated, and fails the suite while it has no contract call.
 *
 * The state is what the API lets a client read: the answer of every GET operation's contract call (its status, and
 * its data when it succeeded), taken under a frozen clock, so that a timestamp the replay rewrites (`updatedAt`)
 * compares as well.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LoadedSpec } from "../../scripts/lib/spec-operations.js";
import { createSandbox, type SandboxApi } from "../../src/sandbox/index.js";
import type { ContractCall } from "./contract-suite.js";

type CallsOnSandbox = (fetch: (request: Request) => Promise<Response>) => Record<string, ContractCall>;

export interface ReplaySuite {
  api: SandboxApi;
  spec: LoadedSpec;
  /** generated/<api>.retry.ts: the operations the client retries like a GET. */
  marked: ReadonlySet<string>;
  /** One valid call per operation, on a client whose fetch is the sandbox's. */
  calls: CallsOnSandbox;
  /** The marked operations that only read (searches sent as POST): the one kind whose first call changes nothing. */
  reads?: readonly string[];
  /**
   * A call of an operation that changes the state, where its contract call happens to leave the seed as it is (it
   * sets a value the seed already holds): the replay must start from a real change to prove anything.
   */
  changing?: Record<string, (fetch: (request: Request) => Promise<Response>) => ContractCall>;
  /**
   * A call that makes a new record each time (a create the spec leaves unmarked), whose second call the state must
   * show: proof that the state read here is fine enough to see a call applied twice.
   */
  appliedTwice: { name: string; call: (fetch: (request: Request) => Promise<Response>) => ContractCall | undefined };
}

/** The answer of every GET operation's contract call, in spec order, keyed by operationId. */
async function readState(spec: LoadedSpec, calls: Record<string, ContractCall>): Promise<Record<string, unknown>> {
  const state: Record<string, unknown> = {};
  for (const op of spec.operations.filter((o) => o.method === "GET")) {
    const call = calls[op.operationId];
    if (!call) throw new Error(`no contract call for ${op.operationId}, which the replay reads the state with`);
    const { data, response } = await call({});
    // An error body is not state: it carries a fresh request id and timestamp on every answer.
    state[op.operationId] = response.ok ? { status: response.status, data } : { status: response.status };
  }
  return state;
}

export function describeReplaysOnSandbox({ api, spec, marked, calls, appliedTwice, reads = [], changing = {} }: ReplaySuite) {
  const operationOf = (key: string) => spec.operations.find((op) => `${op.method} ${op.path}` === key);

  // Each case reads every GET operation three times over: more than the contract project's 15 s default under load.
  describe(`${api}: every operation marked idempotent, replayed on the sandbox, leaves the state of one call`, { timeout: 60_000 }, () => {
    beforeEach(() => {
      // Date only: the sandbox stamps records with new Date(); timers and the event loop run as usual.
      vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-01-15T09:00:00.000Z") });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it("each marked operation is an operation of the spec with a contract call to replay", () => {
      const problems = [...marked].flatMap((key) => {
        const op = operationOf(key);
        if (!op) return [`${key} is not an operation of the spec (regenerate: npm run generate)`];
        return calls(async () => new Response(null, { status: 500 }))[op.operationId] ? [] : [`${op.operationId} has no contract call`];
      });
      expect(problems).toEqual([]);
    });

    for (const key of marked) {
      const op = operationOf(key);
      if (!op) continue;
      it(`${op.operationId} (${key}): twice leaves the state of once`, async () => {
        const sandbox = createSandbox(api, { validateResponses: true });
        const fetch = (request: Request) => sandbox.fetch(request);
        const onSandbox = calls(fetch);
        const call = changing[op.operationId]?.(fetch) ?? onSandbox[op.operationId];
        if (!call) throw new Error(`no contract call for ${op.operationId}`);

        const before = await readState(spec, onSandbox);
        const first = await call({});
        expect(first.error, `first ${op.operationId}`).toBeUndefined();
        const once = await readState(spec, onSandbox);
        // Unless it only reads, the first call must have changed something, or "twice equals once" proves nothing.
        if (reads.includes(op.operationId)) expect(once, `${op.operationId} only reads`).toEqual(before);
        else expect(once, `${op.operationId} changed nothing the GET operations show`).not.toEqual(before);

        const second = await call({});
        // A replayed DELETE finds nothing left to delete (404, or 400 for a detach); anything else must succeed again.
        if (op.method === "DELETE") expect(second.response.status, `replayed ${op.operationId}`).toBeLessThan(500);
        else expect(second.error, `replayed ${op.operationId}`).toBeUndefined();
        expect(await readState(spec, onSandbox)).toEqual(once);
      });
    }

    it(`the state read sees a create applied twice (${appliedTwice.name})`, async () => {
      const sandbox = createSandbox(api, { validateResponses: true });
      const fetch = (request: Request) => sandbox.fetch(request);
      const onSandbox = calls(fetch);
      const call = appliedTwice.call(fetch);
      if (!call) throw new Error(`no call for ${appliedTwice.name}`);
      expect((await call({})).error).toBeUndefined();
      const once = await readState(spec, onSandbox);
      expect((await call({})).error).toBeUndefined();
      expect(await readState(spec, onSandbox)).not.toEqual(once);
    });
  });
}

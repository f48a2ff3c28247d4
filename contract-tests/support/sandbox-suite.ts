/**
 * The contract calls again, against the stateful sandbox (in process) instead of Prism: every operation ×
 * documented success status must be answered with that status and data, and every reply must match the
 * spec (the sandbox rejects the call with a SandboxContractError otherwise).
 */
import { describe, expect, it } from "vitest";
import type { LoadedSpec } from "../../scripts/lib/spec-operations.js";
import { createSandbox, type SandboxApi, type SandboxOptions } from "../../src/sandbox/index.js";
import type { ContractCall } from "./contract-suite.js";

/**
 * The state a call needs to answer one status, keyed `"<operationId> <status>"` (default: the seed).
 * A 201 "created" needs a sandbox where the record does not exist yet, for instance.
 */
export type SandboxStates = Record<string, Pick<SandboxOptions, "seed">>;

export function describeSuccessOnSandbox(
  api: SandboxApi,
  spec: LoadedSpec,
  callsWith: (options: { fetch: (request: Request) => Promise<Response> }) => Record<string, ContractCall>,
  states: SandboxStates = {},
) {
  describe(`${api}: every operation × documented success status, on the sandbox`, () => {
    it("the state overrides name only documented operation × status pairs", () => {
      const documented = spec.operations.flatMap((op) => op.statuses.map((status) => `${op.operationId} ${status}`));
      expect(Object.keys(states).filter((key) => !documented.includes(key))).toEqual([]);
    });

    for (const op of spec.operations) {
      for (const status of op.statuses.filter((s) => s >= 200 && s < 300)) {
        it(`${op.operationId}: ${status} with data that matches the spec`, async () => {
          const sandbox = createSandbox(api, { ...states[`${op.operationId} ${status}`], validateResponses: true });
          const call = callsWith({ fetch: (request) => sandbox.fetch(request) })[op.operationId];
          if (!call) throw new Error(`no contract call for ${op.operationId}`);
          const result = await call({});
          expect(result.error).toBeUndefined();
          expect(result.response.status).toBe(status);
          // A 204 (No Content) has no data; every other success status has some.
          if (status === 204) expect(result.data).toBeUndefined();
          else expect(result.data).toBeDefined();
        });
      }
    }
  });
}

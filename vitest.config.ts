import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * The end-to-end tests: each runs a whole command (npm pack and install, tsc, `npm start`, contract:live,
 * the example, spec:diff over git history, the workflows runner) in child processes. `npm run test:e2e`
 * runs them; `npm test` keeps the fast projects. A test here states its own timeout, sized for a machine 3× slower than ours
 * under load; the project's defaults below are only a backstop.
 */
export const e2eTests = [
  "test/package/pack.test.ts",
  "test/package/sandbox-command.test.ts",
  "test/package/docs-snippets.test.ts",
  "test/contract-live/**/*.test.ts",
  "test/scripts/start.test.ts",
  "test/scripts/test-under-load.test.ts",
  "test/scripts/check-api.test.ts",
  "test/examples/**/*.test.ts",
  "test/spec-diff/spec-diff.test.ts",
  "test/workflows/workflows.test.ts",
  "test/sandbox-http/**/*.test.ts",
  "test/redis/two-processes.test.ts",
];

/**
 * Tests that force a full garbage collection every few milliseconds: each needs a worker of its own, since in a
 * shared (`isolate: false`) worker every collection walks the heap of every file that ran there before it, and a
 * call's timeout then measures the suite's size rather than crm-kit's timers.
 */
export const soakTests = ["test/core/gc-soak.test.ts"];

export default defineConfig({
  test: {
    // Most tests wait on sockets, timers and child processes rather than on the CPU: two workers more than the
    // cores keep both cores busy (vitest's default, one fewer than the cores, leaves one of two idle).
    maxWorkers: availableParallelism() + 2,
    projects: [
      {
        test: {
          name: "unit",
          // A worker imports the runtime, the sandbox and the bundled specs once for all its files instead of
          // once per file (a third of the suite's CPU time). Tests leave no global state behind: each builds its
          // own clients, servers and sandboxes, and restores the timers and listeners it changes.
          isolate: false,
          include: ["test/**/*.test.ts"],
          exclude: [...e2eTests, ...soakTests],
        },
      },
      {
        test: {
          name: "soak",
          isolate: true,
          include: soakTests,
        },
      },
      {
        test: {
          name: "contract",
          isolate: false,
          include: ["contract-tests/**/*.test.ts"],
          globalSetup: ["contract-tests/setup/mocks.ts"],
          // Prism answers in milliseconds; 15 s covers a machine 3× slower with both cores busy.
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: e2eTests,
          // Builds and packs crm-kit once for the tests that install it as an app would.
          globalSetup: ["test/package/setup/packed.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});

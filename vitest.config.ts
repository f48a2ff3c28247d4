import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "contract",
          include: ["contract-tests/**/*.test.ts"],
          globalSetup: ["contract-tests/setup/mocks.ts"],
          // Prism answers in milliseconds; a slow test is a hang, not a slow mock.
          testTimeout: 15_000,
        },
      },
    ],
  },
});

// `npm run test:docs`: the reference docs in headless Chromium. Kept out of vitest.config.ts so that
// `npm test` needs no browser.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "docs",
    include: ["docs-tests/**/*.test.ts"],
    // Building the four pages and starting Chromium: a few seconds, more on a busy 2-core machine.
    hookTimeout: 120_000,
    testTimeout: 20_000,
  },
});

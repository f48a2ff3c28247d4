import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileTimings, parallelScripts, scriptStages } from "../../bench/timing/measure-test-suite.js";
import { repoRoot } from "../../scripts/lib/api-registry.js";

describe("scriptStages", () => {
  it("splits a package.json script into the commands it chains with &&", () => {
    expect(scriptStages({ test: "npm run lint && vitest run --project unit  &&  npm run coverage" }, "test")).toEqual([
      "npm run lint",
      "vitest run --project unit",
      "npm run coverage",
    ]);
  });

  it("refuses a missing script and one that is not a plain && chain, naming it", () => {
    expect(() => scriptStages({}, "test:e2e")).toThrow('package.json has no "test:e2e" script');
    expect(() => scriptStages({ test: "a || b" }, "test")).toThrow('"test" is not a plain && chain: a || b');
    expect(() => scriptStages({ test: "a; b" }, "test")).toThrow(/not a plain && chain/);
  });
});

describe("fileTimings", () => {
  it("gives each file of a vitest JSON report its path in the repository, project and run time", () => {
    const report = {
      testResults: [
        { name: join(repoRoot, "test/core/faults.test.ts"), startTime: 1_000, endTime: 3_500, assertionResults: [] },
        { name: join(repoRoot, "contract-tests/folk/errors.test.ts"), startTime: 10, endTime: 40, assertionResults: [] },
      ],
    };
    expect(fileTimings(report, (file) => (file.startsWith("contract-tests/") ? "contract" : "unit"))).toEqual([
      { file: "test/core/faults.test.ts", project: "unit", ms: 2_500 },
      { file: "contract-tests/folk/errors.test.ts", project: "contract", ms: 30 },
    ]);
  });
});

describe("parallelScripts", () => {
  it("names the scripts a run-p stage runs side by side, leaving its flags out", () => {
    expect(parallelScripts("run-p --continue-on-error --print-label check:static test:vitest")).toEqual(["check:static", "test:vitest"]);
    expect(parallelScripts("vitest run --project unit")).toEqual([]);
    expect(parallelScripts("npm run coverage:contract")).toEqual([]);
  });
});

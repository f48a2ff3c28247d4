import { describe, expect, it } from "vitest";
import { loadApis } from "../../scripts/lib/api-registry.js";
import { loadSpec } from "../../scripts/lib/spec-operations.js";
import { sandboxVendors } from "../../src/sandbox/vendors.js";

/** APIs in redocly.yaml that have no sandbox yet; `npm start` serves Prism's static mock for them. */
const WITHOUT_SANDBOX: string[] = [];

const apis = loadApis();

describe("sandbox handlers", () => {
  it("every API in redocly.yaml has a sandbox, except the ones listed as not having one yet", () => {
    const registered = Object.keys(sandboxVendors).sort();
    expect(registered).toEqual(
      apis
        .map((a) => a.name)
        .filter((name) => !WITHOUT_SANDBOX.includes(name))
        .sort(),
    );
  });

  for (const [name, vendor] of Object.entries(sandboxVendors)) {
    it(`${name}: every operation of specs/${name} has a handler, and every handler an operation`, async () => {
      const api = apis.find((a) => a.name === name);
      expect(api, `${name} is registered in src/sandbox/vendors.ts but not in redocly.yaml`).toBeDefined();
      const operationIds = (await loadSpec(api!.root)).operations.map((o) => o.operationId).sort();
      expect(Object.keys(vendor.handlers).sort()).toEqual(operationIds);
    });
  }
});

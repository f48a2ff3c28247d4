/**
 * The vendors that have a sandbox: one line each. `createSandbox` accepts exactly these names, and the
 * guard test checks that each has a handler for every operation of its spec.
 */
import { emnifySandbox } from "./emnify/index.js";
import { featurebaseSandbox } from "./featurebase/index.js";
import { folkSandbox } from "./folk/index.js";
import { kareSandbox } from "./kare/index.js";
import type { VendorSandbox } from "./types.js";

export const sandboxVendors = {
  featurebase: featurebaseSandbox,
  emnify: emnifySandbox,
  kare: kareSandbox,
  folk: folkSandbox,
} as const satisfies Record<string, VendorSandbox>;

/** An API that has a sandbox. */
export type SandboxApi = keyof typeof sandboxVendors;

/** Featurebase's sandbox: its store, seed, handlers and error envelope, registered in ../vendors.ts. */
import type { operations } from "../../../generated/featurebase.js";
import document from "../../../generated/featurebase.openapi.js";
import { defineVendorSandbox } from "../types.js";
import { featurebaseErrors } from "./errors.js";
import { featurebaseHandlers } from "./handlers.js";
import { seedFeaturebase } from "./scenario.js";
import { FeaturebaseStore } from "./store.js";

export { FeaturebaseStore } from "./store.js";

export const featurebaseSandbox = defineVendorSandbox<operations, FeaturebaseStore>({
  api: "featurebase",
  document,
  createStore: () => new FeaturebaseStore(),
  seed: seedFeaturebase,
  handlers: featurebaseHandlers,
  errors: featurebaseErrors,
});

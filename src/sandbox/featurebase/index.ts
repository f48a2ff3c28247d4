/** Featurebase's sandbox: its store, seed, handlers and error envelope, registered in ../vendors.ts. */
import type { operations } from "../../../generated/featurebase.js";
import document from "../../../generated/featurebase.openapi.js";
import { defineVendorSandbox } from "../types.js";
import { checkFeaturebaseWebhooks, type FeaturebaseWebhookOptions } from "../webhooks/featurebase.js";
import { WEBHOOK_OPTION_CHECKS, type WebhookSandboxOptions } from "../webhooks/options.js";
import { featurebaseErrors } from "./errors.js";
import { featurebaseHandlers } from "./handlers.js";
import { seedFeaturebase } from "./scenario.js";
import { FeaturebaseStore } from "./store.js";

export { FeaturebaseStore } from "./store.js";

export const featurebaseSandbox = defineVendorSandbox<operations, FeaturebaseStore, WebhookSandboxOptions & FeaturebaseWebhookOptions>({
  api: "featurebase",
  document,
  createStore: () => new FeaturebaseStore(),
  seed: seedFeaturebase,
  handlers: featurebaseHandlers,
  // Its webhooks are registered here (Featurebase's webhooks API is not in the spec); see ../webhooks/.
  optionChecks: { ...WEBHOOK_OPTION_CHECKS, webhooks: checkFeaturebaseWebhooks },
  demo: {
    write: { method: "POST", path: "/v2/companies", body: { companyId: "acme-1", name: "Acme" } },
    read: { path: "/v2/companies?limit=100" },
  },
  errors: featurebaseErrors,
});

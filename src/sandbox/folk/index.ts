/** folk's sandbox: its store, seed, handlers and error envelope, registered in ../vendors.ts. */
import type { operations } from "../../../generated/folk.js";
import document from "../../../generated/folk.openapi.js";
import { defineVendorSandbox } from "../types.js";
import { FOLK_EVENT_RULES } from "../webhooks/folk-events.js";
import { withWebhookEvents } from "../webhooks/handler-events.js";
import { WEBHOOK_OPTION_CHECKS, type WebhookSandboxOptions } from "../webhooks/options.js";
import { folkErrors } from "./errors.js";
import { folkHandlers } from "./handlers.js";
import { seedFolk } from "./scenario.js";
import { FolkStore } from "./store.js";

export { FolkStore } from "./store.js";

export const folkSandbox = defineVendorSandbox<operations, FolkStore, WebhookSandboxOptions>({
  api: "folk",
  document,
  createStore: () => new FolkStore(),
  seed: seedFolk,
  // A change to a subscribed resource sends its events to the webhooks (../webhooks/).
  handlers: withWebhookEvents(folkHandlers, FOLK_EVENT_RULES),
  optionChecks: WEBHOOK_OPTION_CHECKS,
  demo: {
    write: { method: "POST", path: "/v1/companies", body: { name: "Acme" } },
    read: { path: "/v1/companies?filter[name][eq]=Acme" },
  },
  errors: folkErrors,
});

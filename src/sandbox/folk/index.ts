/** folk's sandbox: its store, seed, handlers and error envelope, registered in ../vendors.ts. */
import type { operations } from "../../../generated/folk.js";
import document from "../../../generated/folk.openapi.js";
import { defineVendorSandbox } from "../types.js";
import { folkErrors } from "./errors.js";
import { folkHandlers } from "./handlers.js";
import { seedFolk } from "./scenario.js";
import { FolkStore } from "./store.js";

export { FolkStore } from "./store.js";

export const folkSandbox = defineVendorSandbox<operations, FolkStore>({
  api: "folk",
  document,
  createStore: () => new FolkStore(),
  seed: seedFolk,
  handlers: folkHandlers,
  demo: {
    write: { method: "POST", path: "/v1/companies", body: { name: "Acme" } },
    read: { path: "/v1/companies?filter[name][eq]=Acme" },
  },
  errors: folkErrors,
});

/** emnify's sandbox: its store, seed, handlers, token check and error envelope, registered in ../vendors.ts. */
import type { operations } from "../../../generated/emnify.js";
import document from "../../../generated/emnify.openapi.js";
import { bearerToken } from "../jwt.js";
import { positiveInteger } from "../options.js";
import { defineVendorSandbox } from "../types.js";
import { emnifyErrors, tokenRefused } from "./errors.js";
import { emnifyHandlers } from "./handlers.js";
import { seedEmnify } from "./scenario.js";
import { EmnifyStore } from "./store.js";

export { DEFAULT_TOKEN_TTL_MS, EmnifyStore } from "./store.js";

export interface EmnifySandboxOptions {
  /** How long an auth_token lives, in ms (default 240 minutes, the lifetime emnify documented: DEFAULT_TOKEN_TTL_MS). */
  tokenTtlMs?: number;
}

export const emnifySandbox = defineVendorSandbox<operations, EmnifyStore, EmnifySandboxOptions>({
  api: "emnify",
  document,
  createStore: ({ now, options }) => new EmnifyStore({ now, tokenTtlMs: options.tokenTtlMs }),
  seed: seedEmnify,
  handlers: emnifyHandlers,
  errors: emnifyErrors,
  demo: {
    session: {
      path: "/api/v1/authenticate",
      body: { application_token: "sandbox-app-token" },
      token: "auth_token",
      header: "Authorization",
    },
    write: { method: "POST", path: "/api/v1/organisation/1234/contact", body: { type: { id: 1 }, name: "Ada Lovelace" } },
    read: { path: "/api/v1/organisation/1234/contact" },
  },
  // Every operation but the exchange needs an auth_token this sandbox issued, unexpired.
  authorize({ operationId, headers }, store) {
    if (operationId === "authenticate") return undefined;
    const token = bearerToken(headers);
    const state = store.checkToken(token);
    return state === "valid" ? undefined : tokenRefused(state === "expired", token);
  },
  optionChecks: { tokenTtlMs: positiveInteger },
});

/** Kare's sandbox: its store, seed, handlers, session check and error envelope, registered in ../vendors.ts. */
import type { operations } from "../../../generated/kare.js";
import document from "../../../generated/kare.openapi.js";
import { API_GATEWAY_MAX_BODY_BYTES } from "../limits.js";
import { positiveInteger } from "../options.js";
import { defineVendorSandbox } from "../types.js";
import { kareErrors, sessionRefused } from "./errors.js";
import { kareHandlers } from "./handlers.js";
import { seedKare } from "./scenario.js";
import { KareStore } from "./store.js";

export { DEFAULT_SESSION_TTL_MS, KareStore } from "./store.js";

export interface KareSandboxOptions {
  /** How long a login's session lives, in ms (default 24 hours, read from Kare's example token: DEFAULT_SESSION_TTL_MS). */
  sessionTtlMs?: number;
}

export const kareSandbox = defineVendorSandbox<operations, KareStore, KareSandboxOptions>({
  api: "kare",
  document,
  createStore: ({ now, options }) => new KareStore({ now, sessionTtlMs: options.sessionTtlMs }),
  seed: seedKare,
  handlers: kareHandlers,
  errors: kareErrors,
  demo: {
    session: {
      path: "/auth/v1/rs/login/credentials",
      body: { email: "manager@example.com", password: "sandbox-password" },
      token: "sessionToken",
      header: "X-Session-Token",
    },
    write: { method: "POST", path: "/companies/v2/rs/42/contacts", body: [{ name: "Ada Lovelace", notify: false }] },
    read: { path: "/companies/v2/rs/42/contacts" },
  },
  // Every operation but login needs the X-Session-Token of a live session; without one Kare answers 401, not
  // the 400 a missing required header would otherwise get.
  authorize({ operationId, headers }, store) {
    if (operationId === "login") return undefined;
    return store.checkSession(headers["x-session-token"]) === "valid" ? undefined : sessionRefused();
  },
  optionChecks: { sessionTtlMs: positiveInteger },
  maxBodyBytes: API_GATEWAY_MAX_BODY_BYTES,
});

/**
 * `sandbox.calls`: every call a sandbox answered, in order, so that a test can assert what the code under test
 * sent. Credentials never reach the log: secret headers' values and secret body fields are replaced, and any
 * echo of them elsewhere in the body is scrubbed by the client's own redactor (src/core/redact.ts).
 */
import { createRedactor, REDACTED } from "../core/redact.js";
import type { AnsweredCall } from "./engine.js";

/** One call a sandbox answered. */
export interface SandboxCall {
  /** The method as sent (`POST`). */
  method: string;
  /** The request path as sent, without the query (`/v2/companies`; Kare's with its `/main` prefix when sent with it). */
  path: string;
  /** The query string without its `?` (`limit=1`), `""` without one. */
  query: string;
  /** The spec's operationId of the route, or undefined for a path or method the spec does not have. */
  operationId: string | undefined;
  /** The status answered. */
  status: number;
  /**
   * The body as sent: parsed JSON, or its text when it was not JSON; undefined without one (or when a limit
   * refused it unread). Credentials (`password`, `application_token`, tokens) are `[REDACTED]`.
   */
  requestBody: unknown;
  /** When the call was answered, in epoch ms on the sandbox's clock (`options.now`). */
  at: number;
}

/** Body fields that hold a credential (compared without case, `_` or `-`): their values are never logged. */
const SECRET_FIELDS = new Set([
  "password",
  "applicationtoken",
  "authtoken",
  "accesstoken",
  "refreshtoken",
  "sessiontoken",
  "token",
  "apikey",
  "secret",
  "clientsecret",
]);

/** Headers whose value is a credential, besides Authorization and Cookie (which the redactor always treats as secret). */
const SECRET_HEADERS = ["x-session-token", "x-api-key"];

export interface CallLog {
  readonly calls: readonly SandboxCall[];
  record(call: AnsweredCall): void;
  clear(): void;
}

export function createCallLog(now: () => number): CallLog {
  let calls: SandboxCall[] = [];
  return {
    get calls() {
      return [...calls];
    },
    record(answered) {
      const path = answered.url?.pathname ?? answered.target.split("?", 1)[0] ?? "";
      calls.push(
        Object.freeze({
          method: answered.method,
          path,
          query: answered.url?.search.slice(1) ?? "",
          operationId: answered.operationId,
          status: answered.status,
          requestBody: redactBody(answered.body, answered.headers),
          at: now(),
        }),
      );
    },
    clear() {
      calls = [];
    },
  };
}

/** The body with secret fields replaced, and every credential it or the headers carry scrubbed wherever it is echoed. */
function redactBody(body: unknown, headers: Readonly<Record<string, string>>): unknown {
  if (body === undefined) return undefined;
  const secrets: string[] = [];
  for (const name of ["authorization", "proxy-authorization", ...SECRET_HEADERS]) {
    const value = headers[name];
    if (value) secrets.push(value, value.replace(/^\S+\s+/, ""));
  }
  const masked = maskSecretFields(body, secrets);
  return createRedactor(secrets.filter((secret) => secret.length > 0)).value(masked);
}

/** A copy with the values of secret fields replaced (collected into `secrets`, so their echoes are scrubbed too). */
function maskSecretFields(value: unknown, secrets: string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => maskSecretFields(item, secrets));
  if (typeof value !== "object" || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const secret = SECRET_FIELDS.has(key.toLowerCase().replace(/[-_]/g, ""));
    if (secret && typeof item === "string") secrets.push(item);
    copy[key] = secret ? REDACTED : maskSecretFields(item, secrets);
  }
  return copy;
}

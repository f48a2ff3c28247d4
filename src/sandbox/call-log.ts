/**
 * `sandbox.calls`: every call a sandbox answered, in order, so that a test can assert what the code under test
 * sent. Credentials never reach the log: secret headers' values and secret body fields are replaced, and any
 * echo of them elsewhere in the body is scrubbed by the client's own redactor (src/core/redact.ts).
 */
import { createRedactor, REDACTED } from "../core/redact.js";
import type { AnsweredCall } from "./engine.js";
import { MAX_JSON_DEPTH } from "./limits.js";

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

/**
 * The most calls kept: a sandbox served for days must not grow without end, so past this the oldest go
 * (trimmed in batches, so that a call costs the same at any count) [a sandbox limit, not a vendor's].
 */
export const MAX_RECORDED_CALLS = 10_000;

export function createCallLog(now: () => number): CallLog {
  let calls: SandboxCall[] = [];
  return {
    get calls() {
      return calls.slice(-MAX_RECORDED_CALLS);
    },
    record(answered) {
      if (calls.length >= 2 * MAX_RECORDED_CALLS) calls = calls.slice(-MAX_RECORDED_CALLS);
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
  // A body that was not taken as JSON (a wrong content-type) is kept as text: its secret fields are found by
  // reading it as JSON or as a form, then scrubbed from the text.
  if (typeof body === "string" && !secretsOfText(body, secrets)) return REDACTED;
  const masked = maskSecretFields(body, secrets);
  return masked === TOO_DEEP ? REDACTED : createRedactor(secrets.filter((secret) => secret.length > 0)).value(masked);
}

/** Collects the secret fields of a text body into `secrets`; false when it is JSON too deep to search, so not kept. */
function secretsOfText(text: string, secrets: string[]): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    for (const [key, value] of new URLSearchParams(text)) if (isSecretField(key) && value) secrets.push(value);
    return true;
  }
  return maskSecretFields(parsed, secrets) !== TOO_DEEP;
}

function isSecretField(key: string): boolean {
  return SECRET_FIELDS.has(key.toLowerCase().replace(/[-_]/g, ""));
}

const TOO_DEEP = Symbol("too deep");

/**
 * A copy with the values of secret fields replaced (collected into `secrets`, so their echoes are scrubbed too);
 * TOO_DEEP past the engine's nesting limit (only a text body, which the engine did not check, can be).
 */
function maskSecretFields(value: unknown, secrets: string[], depth = 0): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (depth > MAX_JSON_DEPTH) return TOO_DEEP;
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    const secret = !Array.isArray(value) && isSecretField(key);
    if (secret && typeof item === "string") secrets.push(item);
    const masked = secret ? REDACTED : maskSecretFields(item, secrets, depth + 1);
    if (masked === TOO_DEEP) return TOO_DEEP;
    copy[key] = masked;
  }
  return Array.isArray(value) ? Object.values(copy) : copy;
}

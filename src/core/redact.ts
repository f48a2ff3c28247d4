/** What replaces a secret in messages, properties and logs. */
export const REDACTED = "[REDACTED]";

// Headers that carry credentials whatever the vendor; a vendor adds its own (X-Session-Token) on top.
const ALWAYS_SECRET_HEADERS = ["authorization", "proxy-authorization", "cookie", "set-cookie"];
const MAX_DEPTH = 20;

/** Scrubs the current secrets from anything that may reach a user, a log or an error report. */
export interface Redactor {
  /** The string with every secret (and its URL- and JSON-escaped forms) replaced by "[REDACTED]". */
  text(value: string): string;
  /** A deep copy of a parsed body with every string scrubbed. */
  value(value: unknown): unknown;
  /** A plain object of headers (lower-case names) with secret headers replaced and other values scrubbed. */
  headers(headers: Headers | Record<string, string> | undefined): Record<string, string>;
  /** The URL without userinfo and with secrets scrubbed (a key in a query string, for instance). */
  url(url: string): string;
}

/** A redactor for the given secret values and secret header names (Authorization, Cookie are always secret). */
export function createRedactor(secrets: readonly string[], secretHeaders: readonly string[] = []): Redactor {
  const needles = secretVariants(secrets);
  const secretNames = new Set([...ALWAYS_SECRET_HEADERS, ...secretHeaders.map((name) => name.toLowerCase())]);

  const text = (value: string): string => {
    let result = value;
    for (const needle of needles) result = result.replaceAll(needle, REDACTED);
    return result;
  };

  const value = (input: unknown, depth = 0): unknown => {
    if (typeof input === "string") return text(input);
    if (typeof input !== "object" || input === null) return input;
    if (depth >= MAX_DEPTH) return REDACTED;
    if (Array.isArray(input)) return input.map((item) => value(item, depth + 1));
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(input)) copy[key] = value(item, depth + 1);
    return copy;
  };

  const headers = (input: Headers | Record<string, string> | undefined): Record<string, string> => {
    const result: Record<string, string> = {};
    if (!input) return result;
    const entries = input instanceof Headers ? input.entries() : Object.entries(input);
    for (const [name, headerValue] of entries) {
      const key = name.toLowerCase();
      result[key] = secretNames.has(key) ? REDACTED : text(headerValue);
    }
    return result;
  };

  const url = (input: string): string => {
    try {
      const parsed = new URL(input);
      if (parsed.username || parsed.password) {
        parsed.username = "";
        parsed.password = "";
      }
      return text(parsed.href);
    } catch {
      return text(input);
    }
  };

  return { text, value: (input) => value(input), headers, url };
}

/** A copy of an error (and its causes) that is safe to attach as `cause`: scrubbed message and stack. */
export function sanitizeCause(error: unknown, redactor: Redactor, depth = 0): unknown {
  if (!(error instanceof Error)) return typeof error === "string" ? redactor.text(error) : undefined;
  const copy = new Error(redactor.text(error.message));
  copy.name = error.name;
  copy.stack = redactor.text(error.stack ?? `${error.name}: ${error.message}`);
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") Object.assign(copy, { code });
  if (error.cause !== undefined && depth < 3) copy.cause = sanitizeCause(error.cause, redactor, depth + 1);
  return copy;
}

// A secret can surface percent-encoded (in a URL) or JSON-escaped (echoed in a body), so each form is scrubbed;
// longer forms first so that a short form never leaves half of a long one behind.
function secretVariants(secrets: readonly string[]): string[] {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== "string" || secret === "") continue;
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
    variants.add(JSON.stringify(secret).slice(1, -1));
  }
  return [...variants].sort((a, b) => b.length - a.length);
}

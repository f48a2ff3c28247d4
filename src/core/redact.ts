/** What replaces a secret in messages, properties and logs. */
export const REDACTED = "[REDACTED]";

// Headers that carry credentials whatever the vendor; a vendor adds its own (X-Session-Token) on top.
const ALWAYS_SECRET_HEADERS = ["authorization", "proxy-authorization", "cookie", "set-cookie"];
const MAX_DEPTH = 20;

/** Scrubs the current secrets from anything that may reach a user, a log or an error report. */
export interface Redactor {
  /** The string with every secret, in each of its echoed forms (see secretVariants), replaced by "[REDACTED]". */
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
  // Case-insensitive: a server that echoes a credential upper- or lower-cased (in a message, a normalised header)
  // echoes it all the same. Longest first, so a short form never leaves half of a long one behind.
  const pattern = needles.length === 0 ? undefined : new RegExp(needles.map(escapeRegExp).join("|"), "gi");
  const secretNames = new Set([...ALWAYS_SECRET_HEADERS, ...secretHeaders.map((name) => name.toLowerCase())]);

  const text = (value: string): string => (pattern === undefined ? value : value.replace(pattern, REDACTED));

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
      parsed.username = "";
      parsed.password = "";
      return text(parsed.href);
    } catch {
      return text(input);
    }
  };

  return { text, value: (input) => value(input), headers, url };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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

/**
 * The forms a secret can be echoed in (matched whatever their case), longest first so that a short form never
 * leaves half of a long one behind:
 * as is; JSON-escaped (also with "\/" and with non-ASCII as \u escapes, as PHP and Python write them);
 * percent-encoded with either case of hex digits, and form-encoded; base64 and base64url, at each of the three
 * alignments it can take inside a longer encoded string (Basic credentials, a token). Cached per secret, since a
 * redactor is built for every error and log event.
 */
function secretVariants(secrets: readonly string[]): string[] {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== "string" || secret === "") continue;
    for (const form of formsOf(secret)) variants.add(form);
  }
  return [...variants].sort((a, b) => b.length - a.length);
}

const formCache = new Map<string, string[]>();
const FORM_CACHE_SIZE = 64;

function formsOf(secret: string): string[] {
  const cached = formCache.get(secret);
  if (cached) return cached;
  const json = JSON.stringify(secret).slice(1, -1);
  const jsonAscii = json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const percent = encodeURIComponent(secret);
  const percentLower = percent.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
  const forms = [secret, json, jsonAscii, percent, percentLower];
  for (const form of [json, jsonAscii]) forms.push(form.replaceAll("/", "\\/"));
  for (const form of [percent, percentLower]) forms.push(form.replaceAll("%20", "+"));
  forms.push(...base64Forms(secret));
  // A form too short to be told from ordinary text is left out (only the plain form of a short session token stays).
  const result = [...new Set(forms)].filter((form) => form === secret || form.length >= 8);
  if (formCache.size >= FORM_CACHE_SIZE) formCache.clear();
  formCache.set(secret, result);
  return result;
}

const BASE64_START = [0, 2, 3];

/**
 * The base64 and base64url characters that encode `secret`'s UTF-8 bytes and nothing else, when they start 0, 1
 * or 2 bytes into the encoded data: whichever bytes precede it, the encoding of the secret contains this run.
 */
function base64Forms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const forms: string[] = [];
  for (let shift = 0; shift < 3; shift += 1) {
    let binary = "\0".repeat(shift);
    for (const byte of bytes) binary += String.fromCharCode(byte);
    const encoded = btoa(binary);
    const core = encoded.slice(BASE64_START[shift], Math.floor(((shift + bytes.length) * 8) / 6));
    forms.push(core, core.replaceAll("+", "-").replaceAll("/", "_"));
  }
  return forms;
}

/**
 * A redirect's Location as kept on an error: its origin only, since the path or query may carry a token meant
 * for the other host (a presigned URL, say).
 */
export function redactLocation(location: string, url: string): string {
  try {
    return `${new URL(location, url).origin}/…`;
  } catch {
    return "[invalid Location]";
  }
}

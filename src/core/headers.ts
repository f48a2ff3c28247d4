import { prefix } from "./messages.js";

// CR or LF in a header value would let a value (a tampered token, a user-supplied id) inject extra headers or
// split the request; NUL is refused by HTTP parsers anyway. undici also refuses them, but its TypeError quotes
// the value, which may be a secret, so crm-kit checks first and names only the header.
const FORBIDDEN_VALUE_CHARS = /[\r\n\0]/;

/** Throws a TypeError naming the header (never its value) when the value contains CR, LF or NUL. */
export function assertHeaderValue(name: string, value: string, where: string): void {
  if (FORBIDDEN_VALUE_CHARS.test(value)) {
    throw new TypeError(
      `${prefix()}header "${name}" (${where}) contains a line break (CR or LF) or NUL, which could inject another ` +
        `header; the request was not sent. Remove line breaks from the value (e.g. a trailing newline read from a file).`,
    );
  }
}

/** Checks every value of a headers argument in any form openapi-fetch accepts (object, array of pairs, Headers). */
export function assertHeadersInit(headers: unknown, where: string): void {
  if (headers === undefined || headers === null || typeof headers !== "object") return;
  const entries: Iterable<[string, unknown]> =
    headers instanceof Headers
      ? headers.entries()
      : Array.isArray(headers)
        ? (headers as [string, unknown][])
        : Object.entries(headers as Record<string, unknown>);
  for (const [name, value] of entries) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) assertHeaderValue(name, String(item), where);
    }
  }
}

/** Headers that refuse CR/LF on `set` and `append`, given to auth strategies so a bad token fails clearly. */
export class CheckedHeaders extends Headers {
  private readonly where: string;

  constructor(init: HeadersInit | undefined, where: string) {
    super(init);
    this.where = where;
  }

  override set(name: string, value: string): void {
    assertHeaderValue(name, String(value), this.where);
    super.set(name, value);
  }

  override append(name: string, value: string): void {
    assertHeaderValue(name, String(value), this.where);
    super.append(name, value);
  }
}

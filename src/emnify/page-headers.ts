/**
 * Which page comes next, read from emnify's paging headers
 * (https://docs.emnify.com/developers/api-guidelines/collections-pagination). Whether the contact list is
 * paginated at all is not documented, so every header is optional and the fallback is the page size.
 */

/** What is known about one fetched page. */
export interface PageInfo {
  /** The page that was asked for (1-based). */
  page: number;
  /** The `per_page` that was asked for. */
  perPage: number;
  /** How many items the page held. */
  itemCount: number;
  /** The response headers. */
  headers: Headers;
}

/**
 * The next page number, or undefined at the end. In order of trust:
 * 1. `Link`: follow `rel="next"`; a Link header without one marks the last page.
 * 2. `X-Current-Page` / `X-Total-Pages`: the server clamps an out-of-range page, so its own number counts.
 * 3. No paging headers: stop on an empty or short page (fewer than `X-Count-Per-Page`, else `per_page`), and on
 *    a page longer than asked for, which means the server ignored paging and sent the whole list.
 */
export function nextPage({ page, perPage, itemCount, headers }: PageInfo): number | undefined {
  const link = headers.get("link");
  if (link !== null && link.trim() !== "") {
    const next = linkTarget(link, "next");
    if (next === undefined) return undefined;
    const number = pageParam(next);
    if (number !== undefined) return number;
    // A next link without a readable page number: fall through to the other headers rather than guess.
  }
  const current = integerHeader(headers, "x-current-page");
  const total = integerHeader(headers, "x-total-pages");
  if (current !== undefined && total !== undefined) return current < total ? current + 1 : undefined;

  const size = integerHeader(headers, "x-count-per-page") ?? perPage;
  if (itemCount === 0 || itemCount !== size) return undefined;
  return (current ?? page) + 1;
}

/** True when the response carries any of emnify's paging headers (so its page numbers can be trusted). */
export function hasPagingHeaders(headers: Headers): boolean {
  return ["link", "x-current-page", "x-total-pages", "x-count-per-page", "x-total-count"].some((name) => headers.has(name));
}

/** The URL of the first link with the given relation in an RFC 8288 `Link` header. */
export function linkTarget(header: string, rel: string): string | undefined {
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rels = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2] ?? "");
    const values = (rels?.[1] ?? rels?.[2] ?? "").toLowerCase().split(/\s+/);
    if (values.includes(rel)) return match[1];
  }
  return undefined;
}

function pageParam(target: string): number | undefined {
  try {
    return positiveInteger(new URL(target, "http://link.invalid").searchParams.get("page"));
  } catch {
    return undefined;
  }
}

function integerHeader(headers: Headers, name: string): number | undefined {
  return positiveInteger(headers.get(name));
}

function positiveInteger(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) && number >= 1 ? number : undefined;
}

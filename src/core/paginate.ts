import { PaginationError } from "./errors.js";
import { type FetchResultLike, unwrap } from "./unwrap.js";

/** How to walk one list operation: the vendor module adapts its cursor, link or page-number scheme to this. */
export interface PageStrategy<TPage, TItem, TCursor> {
  /** Fetches the page at `cursor` (undefined for the first page), typically `unwrap(client.GET(...))`. */
  fetchPage(cursor: TCursor | undefined, signal?: AbortSignal): Promise<TPage>;
  /** The items of a page. */
  items(page: TPage): TItem[];
  /** The cursor of the page after `page`, or undefined when `page` is the last. */
  next(page: TPage, previous: TCursor | undefined): TCursor | undefined;
  /** A string identifying a cursor, to detect a repeated one (default: the string itself, else JSON). */
  cursorKey?(cursor: TCursor): string;
}

/** Options of `paginate`. */
export interface PaginateOptions {
  /** Stop after this many items; pages are fetched only as needed (default: no limit). */
  limit?: number | undefined;
  /** Aborts the walk, including a page fetch in flight (default: none). */
  signal?: AbortSignal | undefined;
}

/** Items as an async iterable, plus the pages themselves. Each iteration starts again from the first page. */
export interface Paginator<TPage, TItem> extends AsyncIterable<TItem> {
  /** Every fetched page, including a final empty one; with a limit, stops after the page that reaches it. */
  pages(): AsyncIterable<TPage>;
  /** All items (at most `limit`) in one array. */
  toArray(): Promise<TItem[]>;
}

/**
 * Walks a list operation lazily. Stops when a page is empty or `next()` returns undefined, honours `limit`,
 * and throws PaginationError when a cursor repeats, which would otherwise loop forever.
 *
 *   for await (const company of paginate(strategy, { limit: 500 })) { … }
 */
export function paginate<TPage, TItem, TCursor>(
  strategy: PageStrategy<TPage, TItem, TCursor>,
  options: PaginateOptions = {},
): Paginator<TPage, TItem> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  if (limit !== Number.POSITIVE_INFINITY && (!Number.isInteger(limit) || limit < 0)) {
    throw new TypeError(`crm-kit: paginate() limit must be a non-negative integer number of items; got ${String(options.limit)}.`);
  }
  const keyOf = strategy.cursorKey ?? defaultCursorKey;

  async function* walk(): AsyncGenerator<{ page: TPage; items: TItem[] }> {
    const seen = new Set<string>();
    let cursor: TCursor | undefined;
    let count = 0;
    for (let pageNumber = 1; count < limit; pageNumber += 1) {
      options.signal?.throwIfAborted();
      const page = await strategy.fetchPage(cursor, options.signal);
      const items = strategy.items(page);
      yield { page, items: items.slice(0, limit - count) };
      count += items.length;
      // Done once the caller has enough: the next cursor is neither needed nor checked.
      if (items.length === 0 || count >= limit) return;
      const next = strategy.next(page, cursor);
      if (next === undefined) return;
      const key = keyOf(next);
      if (seen.has(key)) throw new PaginationError({ cursor: key, page: pageNumber });
      seen.add(key);
      cursor = next;
    }
  }

  async function* items(): AsyncGenerator<TItem> {
    for await (const { items: pageItems } of walk()) yield* pageItems;
  }

  return {
    [Symbol.asyncIterator]: () => items(),
    async *pages() {
      for await (const { page } of walk()) yield page;
    },
    async toArray() {
      const all: TItem[] = [];
      for await (const item of items()) all.push(item);
      return all;
    },
  };
}

function defaultCursorKey(cursor: unknown): string {
  return typeof cursor === "string" ? cursor : (JSON.stringify(cursor) ?? String(cursor));
}

/** What a paginator sends for one page: path and query parameters, and a body for searches. */
export interface ListPageRequest {
  params?: { path?: object | undefined; query?: object | undefined };
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/**
 * Fetches one page of a list operation and resolves to its data, or throws its ApiError as `unwrap` does.
 * openapi-fetch's methods are typed per literal path; a vendor paginator takes a union of list paths,
 * checked by its own signature, so the call itself is made loosely here, in one place.
 */
export function fetchListPage<TPage>(client: object, method: "GET" | "POST", path: string, request: ListPageRequest): Promise<TPage> {
  const send = (client as Record<string, unknown>)[method];
  if (typeof send !== "function") throw new TypeError(`crm-kit: fetchListPage() needs a client with a ${method} method.`);
  return unwrap((send as (path: string, init: ListPageRequest) => Promise<FetchResultLike>)(path, request)) as Promise<TPage>;
}

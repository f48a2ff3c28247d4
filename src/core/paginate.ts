import type { RequiredKeys } from "./call-types.js";
import { PaginationError } from "./errors.js";
import { prefix } from "./messages.js";
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

/**
 * Options of `paginate` and of every vendor paginator: how far the walk goes. The vendor's own page size is a
 * query parameter of the init (`limit`, `pageSize`, `per_page`), never one of these.
 */
export interface PaginateOptions {
  /** Stop once this many items were yielded; no page is fetched after that (default: no cap). */
  maxItems?: number | undefined;
  /** Aborts the walk, including a page fetch in flight (default: none). */
  signal?: AbortSignal | undefined;
  /**
   * Most pages fetched in one walk; when the API still names a next page after that many, the walk throws
   * PaginationError rather than run on, as it would against an API that never ends its list (default 10_000).
   */
  maxPages?: number | undefined;
}

/** Pages one walk fetches at most unless told otherwise: 500k items at 50 a page. */
export const DEFAULT_MAX_PAGES = 10_000;

/** Items as an async iterable, plus the pages themselves. Each iteration starts again from the first page. */
export interface Paginator<TPage, TItem> extends AsyncIterable<TItem> {
  /** Every fetched page, including a final empty one; with maxItems, stops after the page that reaches it. */
  pages(): AsyncIterable<TPage>;
  /** All items (at most `maxItems`) in one array. */
  toArray(): Promise<TItem[]>;
}

/**
 * Walks a list operation lazily. Stops when a page is empty or `next()` returns undefined, honours `maxItems`,
 * and throws PaginationError when a cursor repeats, a page breaks its schema, or `maxPages` pages were fetched and
 * the API still names a next one: each would otherwise loop forever or end the list early.
 *
 *   for await (const company of paginate(strategy, { maxItems: 500 })) { … }
 */
export function paginate<TPage, TItem, TCursor>(
  strategy: PageStrategy<TPage, TItem, TCursor>,
  options: PaginateOptions = {},
): Paginator<TPage, TItem> {
  if (typeof options !== "object" || options === null) throw new TypeError(`${prefix()}paginate() options must be an object.`);
  if ("limit" in options) {
    // The old name: refused rather than ignored, since a walk without its cap could fetch the whole list.
    throw new TypeError(`${prefix()}paginate() options.limit is now maxItems (the vendor's page size goes in the init's query).`);
  }
  const limit = options.maxItems ?? Number.POSITIVE_INFINITY;
  if (limit !== Number.POSITIVE_INFINITY && (!Number.isInteger(limit) || limit < 0)) {
    throw new TypeError(`${prefix()}paginate() maxItems must be a non-negative integer number of items; got ${String(options.maxItems)}.`);
  }
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  if (!Number.isInteger(maxPages) || maxPages < 1) {
    throw new TypeError(`${prefix()}paginate() maxPages must be a positive integer number of pages; got ${String(options.maxPages)}.`);
  }
  const keyOf = strategy.cursorKey ?? defaultCursorKey;

  async function* walk(): AsyncGenerator<{ page: TPage; items: TItem[] }> {
    const seen = new Set<string>();
    let cursor: TCursor | undefined;
    let count = 0;
    for (let pageNumber = 1; count < limit; pageNumber += 1) {
      options.signal?.throwIfAborted();
      let page: TPage;
      try {
        page = await strategy.fetchPage(cursor, options.signal);
      } catch (error) {
        throw withPage(error, pageNumber);
      }
      const items = atPage(pageNumber, () => strategy.items(page));
      if (!Array.isArray(items)) throw new PaginationError({ page: pageNumber, field: "items", expected: "an array", got: items });
      yield { page, items: items.slice(0, limit - count) };
      count += items.length;
      // Done once the caller has enough: the next cursor is neither needed nor checked.
      if (items.length === 0 || count >= limit) return;
      const next = atPage(pageNumber, () => strategy.next(page, cursor));
      if (next === undefined) return;
      if (pageNumber >= maxPages) throw new PaginationError({ page: pageNumber, maxPages });
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

/** Runs a strategy step; a PaginationError it throws without a page number gets this one. */
function atPage<T>(page: number, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw withPage(error, page);
  }
}

function withPage(error: unknown, page: number): unknown {
  return error instanceof PaginationError ? error.atPage(page) : error;
}

/**
 * Returns a field of a page when it has the expected kind, and otherwise throws the PaginationError that names it
 * (paginate() adds the page number). Strategies check what their next() relies on, so that a page breaking the
 * schema stops the walk instead of ending it early or never.
 */
export function pageField<K extends keyof PageFieldKinds>(value: unknown, field: string, kind: K): PageFieldKinds[K] {
  const ok =
    kind === "array"
      ? Array.isArray(value)
      : kind === "object"
        ? typeof value === "object" && value !== null && !Array.isArray(value)
        : kind === "positive integer"
          ? Number.isInteger(value) && (value as number) > 0
          : kind === "non-negative integer"
            ? Number.isInteger(value) && (value as number) >= 0
            : value === undefined || value === null || typeof value === "string";
  if (!ok) throw new PaginationError({ field, expected: EXPECTED[kind], got: value });
  return value as PageFieldKinds[K];
}

const EXPECTED: Record<keyof PageFieldKinds, string> = {
  array: "an array",
  object: "an object",
  "positive integer": "a positive integer",
  "non-negative integer": "a non-negative integer",
  "optional string": "a string, null or absent",
};

/** What pageField() checks for, and the type it then returns. */
export interface PageFieldKinds {
  array: unknown[];
  object: Record<string, unknown>;
  "positive integer": number;
  "non-negative integer": number;
  "optional string": string | null | undefined;
}

function defaultCursorKey(cursor: unknown): string {
  return typeof cursor === "string" ? cursor : (JSON.stringify(cursor) ?? String(cursor));
}

/** The JSON body of an operation's 200 response: one page of a list, e.g. `ListPage<paths["/v2/companies"]["get"]>`. */
export type ListPage<Operation> = Operation extends { responses: { 200: { content: { "application/json": infer Page } } } } ? Page : never;

/**
 * A vendor paginator's arguments after the path: the init `client.GET(path, init)` (or `POST`, for a search)
 * takes, optional when nothing in it is required, then the walk's options.
 */
export type PaginatorArgs<Init> =
  RequiredKeys<Init> extends never ? [init?: Init, options?: PaginateOptions] : [init: Init, options?: PaginateOptions];

/** What a paginator sends for one page: the caller's init (params, body, call options) with the page's cursor. */
export interface ListPageRequest {
  params?: { path?: object | undefined; query?: object | undefined; [key: string]: unknown } | undefined;
  body?: unknown;
  signal?: AbortSignal | null | undefined;
  [option: string]: unknown;
}

/**
 * The init of one page: the caller's, with `query` merged over its query and the walk's signal, when there is
 * one, in place of the init's (the walk's signal already follows the init's: see pageSignal).
 */
export function pageRequest(
  init: ListPageRequest | undefined,
  query: Record<string, unknown>,
  signal: AbortSignal | undefined,
): ListPageRequest {
  const params = init?.params;
  return {
    ...init,
    params: { ...params, query: { ...(params?.query as Record<string, unknown> | undefined), ...query } },
    signal: signal ?? init?.signal,
  };
}

/** The signal a paginator's walk runs under: the options' and the init's, whichever aborts first. */
export function walkOptions(init: ListPageRequest | undefined, options: PaginateOptions): PaginateOptions {
  const own = init?.signal ?? undefined;
  if (own === undefined) return options;
  return { ...options, signal: options.signal === undefined ? own : AbortSignal.any([options.signal, own]) };
}

/**
 * Fetches one page of a list operation and resolves to its data, or throws its ApiError as `unwrap` does.
 * openapi-fetch's methods are typed per literal path; a vendor paginator takes a union of list paths,
 * checked by its own signature, so the call itself is made loosely here, in one place.
 */
export function fetchListPage<TPage>(client: object, method: "GET" | "POST", path: string, request: ListPageRequest): Promise<TPage> {
  const send = (client as Record<string, unknown>)[method];
  if (typeof send !== "function") throw new TypeError(`${prefix()}fetchListPage() needs a client with a ${method} method.`);
  return unwrap((send as (path: string, init: ListPageRequest) => Promise<FetchResultLike>)(path, request)) as Promise<TPage>;
}

/** folk's cursor pages over a record table (https://developer.folk.app/api-reference/pagination): 20 by default. */
import type { RecordTable } from "../record-table.js";
import { type InvalidFailure, invalid } from "./model.js";

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

export interface FolkPage<T> {
  items: T[];
  /** The cursor of the next page; undefined on the last. */
  nextCursor: string | undefined;
}

const DEFAULT_LIMIT = 20;

/** The page of `table`'s records that pass `filter`, shown through `view`; a cursor it did not make is a 422 naming it. */
export function pageOf<Stored, View = Stored>(
  table: RecordTable<Stored>,
  request: PageRequest,
  filter: (value: Stored) => boolean = () => true,
  view: (value: Stored) => View = (value) => value as unknown as View,
): FolkPage<View> | InvalidFailure {
  const page = table.page(request.limit ?? DEFAULT_LIMIT, request.cursor, filter);
  if (!page) return invalid(`cursor: ${JSON.stringify(request.cursor)} is not a cursor from a previous page`, ["cursor"]);
  return { items: page.items.map(view), nextCursor: page.nextCursor ?? undefined };
}

/**
 * Records of one kind in insertion order, with opaque cursors over them. A cursor names the position after
 * the last record served, so records deleted or added meanwhile never make a page repeat or skip one that
 * was there all along.
 */

/** A page of records and the cursor of the next one (null on the last page). */
export interface RecordPage<T> {
  items: T[];
  nextCursor: string | null;
}

export class RecordTable<T> {
  readonly #rows = new Map<string, { position: number; value: T }>();
  #nextPosition = 1;

  get size(): number {
    return this.#rows.size;
  }

  get(id: string): T | undefined {
    return this.#rows.get(id)?.value;
  }

  has(id: string): boolean {
    return this.#rows.has(id);
  }

  /** Inserts a record at the end, or replaces one in place (it keeps its position). */
  set(id: string, value: T): void {
    const row = this.#rows.get(id);
    if (row) row.value = value;
    else this.#rows.set(id, { position: this.#nextPosition++, value });
  }

  delete(id: string): boolean {
    return this.#rows.delete(id);
  }

  values(): T[] {
    return [...this.#rows.values()].map((row) => row.value);
  }

  find(predicate: (value: T) => boolean): T | undefined {
    for (const row of this.#rows.values()) if (predicate(row.value)) return row.value;
    return undefined;
  }

  /**
   * Up to `limit` records matching `filter`, after `cursor` (from a previous page of the same table).
   * Returns undefined when the cursor is not one this table made.
   */
  page(limit: number, cursor: string | undefined, filter: (value: T) => boolean = () => true): RecordPage<T> | undefined {
    const after = cursor === undefined ? 0 : decodeCursor(cursor);
    if (after === undefined) return undefined;
    const matching = [...this.#rows.values()].filter((row) => row.position > after && filter(row.value));
    const served = matching.slice(0, limit);
    const last = served.at(-1);
    return {
      items: served.map((row) => row.value),
      nextCursor: matching.length > limit && last ? encodeCursor(last.position) : null,
    };
  }
}

function encodeCursor(position: number): string {
  return btoa(JSON.stringify({ after: position })).replace(/=+$/, "");
}

function decodeCursor(cursor: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(atob(cursor));
    const after = typeof parsed === "object" && parsed !== null ? (parsed as { after?: unknown }).after : undefined;
    return typeof after === "number" && Number.isInteger(after) && after >= 0 ? after : undefined;
  } catch {
    return undefined;
  }
}

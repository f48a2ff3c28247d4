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

/**
 * Named keys a table indexes its records by (`companyId`, a lower-cased name, or several: the companies a
 * contact belongs to); undefined: not indexed.
 */
export type IndexKeys<T, Name extends string> = Readonly<Record<Name, (value: T) => string | readonly string[] | undefined>>;

export class RecordTable<T, IndexName extends string = never> {
  readonly #rows = new Map<string, { position: number; value: T }>();
  // Index names are kept as plain strings, so that a table with indexes is still a RecordTable<T> to paging code.
  readonly #keys: Readonly<Record<string, (value: T) => string | readonly string[] | undefined>> | undefined;
  /** Per index: key → the ids of the records with that key (usually one). */
  readonly #indexes = new Map<string, Map<string, Set<string>>>();
  #nextPosition = 1;

  /** With `keys`, `findBy` finds a record by each named key in constant time, instead of a scan. */
  constructor(keys?: IndexKeys<T, IndexName>) {
    this.#keys = keys;
    for (const name of Object.keys(keys ?? {})) this.#indexes.set(name, new Map());
  }

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
    if (row) this.#unindex(id, row.value);
    if (row) row.value = value;
    else this.#rows.set(id, { position: this.#nextPosition++, value });
    this.#index(id, value);
  }

  delete(id: string): boolean {
    const row = this.#rows.get(id);
    if (row) this.#unindex(id, row.value);
    return this.#rows.delete(id);
  }

  /** The first record (in table order) whose `index` key is `key` (and that passes `predicate`). */
  findBy(index: IndexName, key: string, predicate: (value: T) => boolean = () => true): T | undefined {
    const ids = this.#indexes.get(index)?.get(key);
    let first: { position: number; value: T } | undefined;
    for (const id of ids ?? []) {
      const row = this.#rows.get(id);
      if (row && predicate(row.value) && (!first || row.position < first.position)) first = row;
    }
    return first?.value;
  }

  /** Every record whose `index` keys include `key` (in no particular order). */
  allBy(index: IndexName, key: string): T[] {
    const ids = this.#indexes.get(index)?.get(key) ?? [];
    return [...ids].flatMap((id) => {
      const row = this.#rows.get(id);
      return row ? [row.value] : [];
    });
  }

  #index(id: string, value: T): void {
    for (const [name, byKey] of this.#indexes) {
      for (const key of this.#keysOf(name, value)) {
        const ids = byKey.get(key);
        if (ids) ids.add(id);
        else byKey.set(key, new Set([id]));
      }
    }
  }

  #unindex(id: string, value: T): void {
    for (const [name, byKey] of this.#indexes) {
      for (const key of this.#keysOf(name, value)) {
        const ids = byKey.get(key);
        ids?.delete(id);
        if (ids?.size === 0) byKey.delete(key);
      }
    }
  }

  #keysOf(name: string, value: T): readonly string[] {
    const keys = this.#keys?.[name]?.(value);
    return keys === undefined ? [] : typeof keys === "string" ? [keys] : keys;
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
    // Stops at the first match past the page: a page costs the records before it, not the whole table.
    const served: Array<{ position: number; value: T }> = [];
    let more = false;
    for (const row of this.#rows.values()) {
      if (row.position <= after || !filter(row.value)) continue;
      if (served.length === limit) {
        more = true;
        break;
      }
      served.push(row);
    }
    const last = served.at(-1);
    return {
      items: served.map((row) => row.value),
      nextCursor: more && last ? encodeCursor(last.position) : null,
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

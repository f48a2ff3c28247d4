/** A folk store with a fixed clock and counted ids, and `ok()` to unwrap a result the test expects to succeed. */
import { isFailure } from "../../src/sandbox/folk/model.js";
import { FolkStore } from "../../src/sandbox/folk/store.js";

export function store(): FolkStore {
  let n = 0;
  return new FolkStore({
    now: () => new Date("2026-01-01T00:00:00.000Z"),
    newUuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
  });
}

export function ok<T>(value: T): Exclude<T, { failure: string }> {
  if (isFailure(value)) throw new Error(`unexpected failure: ${JSON.stringify(value)}`);
  return value as Exclude<T, { failure: string }>;
}

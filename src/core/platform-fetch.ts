/** The fetch a client uses unless given one: globalThis.fetch, looked up per request so that a fetch patched later is used. */
export function defaultFetch(input: Request): Promise<Response> {
  return globalThis.fetch(input);
}

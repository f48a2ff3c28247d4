// The platform's own fetch (undici in Node, the browser's elsewhere) as it was when crm-kit was loaded.
const platformFetch: typeof globalThis.fetch | undefined = globalThis.fetch;

/** The fetch a client uses unless given one: globalThis.fetch, looked up per request so that a fetch patched later is used. */
export function defaultFetch(input: Request): Promise<Response> {
  return globalThis.fetch(input);
}

/**
 * Whether `fetch` is the platform's own, which rejects, and errors a body still being read, as soon as the request's
 * signal aborts. Any other fetch (a client or per-call option, a global patched by tests or instrumentation) may
 * ignore the signal, so the transport races it against the signal itself.
 */
export function honoursAbortSignal(fetch: (input: Request) => Promise<Response>): boolean {
  const target = fetch === defaultFetch ? globalThis.fetch : fetch;
  return platformFetch !== undefined && target === platformFetch;
}

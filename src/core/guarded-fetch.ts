/**
 * The network step of an attempt: how one hop is handed to fetch, what fetch must answer with, and how its
 * failures are classified. The transport waits for it under the attempt's timer (attempt-signal.ts).
 */
import { defaultFetch } from "./platform-fetch.js";

/**
 * How one hop is handed to fetch. The platform's own fetch is given the URL and init: it builds its Request from
 * them, where a Request built here would be copied into a second one (headers, body and a derived signal). A custom
 * fetch gets a Request, as its type promises, built here so that a request fetch cannot express fails before sending.
 */
export function prepareFetch(fetch: (input: Request) => Promise<Response>, url: string, init: RequestInit): () => Promise<Response> {
  if (fetch === defaultFetch) return () => globalThis.fetch(url, init);
  const request = new Request(url, init);
  // Promise.resolve: a custom fetch may answer with something that is not a promise.
  return () => Promise.resolve(fetch(request));
}

/** A Response, or an object that behaves as one (another realm's, a polyfill's). */
export function isResponse(value: unknown): value is Response {
  if (value instanceof Response) return true;
  const candidate = value as Partial<Response> | null | undefined;
  return typeof candidate?.status === "number" && typeof candidate.headers?.get === "function" && typeof candidate.text === "function";
}

export function describeNonResponse(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "object") return "an object that is not a Response";
  return `a ${typeof value}`;
}

/** The first system error code ("ECONNREFUSED", "UND_ERR_SOCKET") in an error's cause chain. */
export function systemErrorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== "object" || error === null || depth > 5) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string") return code;
  const nested = systemErrorCode(cause, depth + 1);
  if (nested !== undefined) return nested;
  // Happy-eyeballs connects report one AggregateError with a failure per address.
  if (!Array.isArray(errors)) return undefined;
  for (const item of errors) {
    const found = systemErrorCode(item, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

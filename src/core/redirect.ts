/**
 * How crm-kit follows redirects: itself, within the API's origin only. fetch's own following drops Authorization
 * on a cross-origin redirect but still sends every other header, so a vendor's secret header (Kare's
 * X-Session-Token) would reach the other host.
 */

/** One request of a redirect chain. */
export interface Hop {
  url: string;
  method: string;
  headers: Headers;
  body: ArrayBuffer | null;
}

/** Most redirects followed in one attempt (fetch allows 20; an API that needs more than a couple is misconfigured). */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Headers that describe a body; dropped with it when a redirect turns the request into a GET.
const BODY_HEADERS = ["content-type", "content-length", "content-encoding", "content-language", "content-location"];

/**
 * The request a redirect leads to, by fetch's rules (https://fetch.spec.whatwg.org/#http-redirect-fetch); undefined
 * when `response` is not a redirect to follow: no Location, an invalid one, or one on another origin.
 */
export function nextHop(hop: Hop, response: Response): Hop | undefined {
  if (!REDIRECT_STATUSES.has(response.status)) return undefined;
  const target = resolveLocation(response.headers.get("location"), hop.url);
  // A Location with userinfo is not followed: fetch refuses such a URL, and its error would quote the credentials.
  if (target === undefined || target.origin !== new URL(hop.url).origin || hasCredentials(target)) return undefined;
  // 303 turns any method but GET and HEAD into a body-less GET, 301 and 302 do so for POST only (as browsers do);
  // 307 and 308 keep method and body.
  const status = response.status;
  const toGet =
    (status === 303 && hop.method !== "GET" && hop.method !== "HEAD") || ((status === 301 || status === 302) && hop.method === "POST");
  if (!toGet) return { ...hop, url: target.href };
  const headers = new Headers(hop.headers);
  for (const name of BODY_HEADERS) headers.delete(name);
  return { url: target.href, method: "GET", headers, body: null };
}

/** Why crm-kit did not follow a redirect, for an ApiError's message. Only the target's origin is named. */
export type UnfollowedRedirect =
  | { kind: "invalid" }
  | { kind: "credentials" }
  | { kind: "cross-origin"; target: string }
  | { kind: "limit"; origin: string; max: number };

/** Why a 3xx response to `url` was not followed; undefined for other statuses or without a Location. */
export function unfollowedRedirect(status: number, headers: Headers | Record<string, string>, url: string): UnfollowedRedirect | undefined {
  if (status < 300 || status > 399) return undefined;
  const location =
    headers instanceof Headers ? headers.get("location") : Object.entries(headers).find(([name]) => name.toLowerCase() === "location")?.[1];
  if (location === undefined || location === null) return undefined;
  const origin = resolveLocation(url, undefined)?.origin;
  if (origin === undefined) return undefined;
  const target = resolveLocation(location, url);
  if (target === undefined) return { kind: "invalid" };
  if (hasCredentials(target)) return { kind: "credentials" };
  if (target.origin !== origin) return { kind: "cross-origin", target: target.origin };
  return { kind: "limit", origin, max: MAX_REDIRECTS };
}

function resolveLocation(location: string | null, base: string | undefined): URL | undefined {
  if (location === null) return undefined;
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

function hasCredentials(url: URL): boolean {
  return url.username !== "" || url.password !== "";
}

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
  body: BodyInit | null;
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
  const status = response.status;
  if (!REDIRECT_STATUSES.has(status)) return undefined;
  const location = response.headers.get("location");
  const target = location === null ? undefined : redirectTarget(location, new URL(hop.url));
  if (!(target instanceof URL)) return undefined;
  // 303 turns any method but GET and HEAD into a body-less GET, 301 and 302 do so for POST only (as browsers do);
  // 307 and 308 keep method and body.
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
  const from = parseUrl(url);
  if (location === undefined || location === null || from === undefined) return undefined;
  const target = redirectTarget(location, from);
  // A target crm-kit may follow was not followed only because the redirect limit was reached.
  return target instanceof URL ? { kind: "limit", origin: target.origin, max: MAX_REDIRECTS } : target;
}

/**
 * The one rule for where crm-kit follows a Location: the URL it resolves to against `from`, when that is on the same
 * origin and carries no userinfo (fetch refuses such a URL, and its error would quote the credentials); otherwise
 * why not.
 */
function redirectTarget(location: string, from: URL): URL | UnfollowedRedirect {
  const target = parseUrl(location, from);
  if (target === undefined) return { kind: "invalid" };
  if (target.username !== "" || target.password !== "") return { kind: "credentials" };
  return target.origin === from.origin ? target : { kind: "cross-origin", target: target.origin };
}

function parseUrl(url: string, base?: URL): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}

import { prefix } from "./messages.js";
/**
 * Validates a base URL and returns it normalised without a trailing slash. It must be absolute http(s), without
 * credentials, query or fragment, and https unless the host is loopback: an API key sent over plain http to a
 * remote host can be read by anyone on the path, while a local mock server has no certificate.
 */
export function validateBaseUrl(raw: unknown, vendor: string, source: string): string {
  const example = `e.g. "https://api.example.com" or "http://127.0.0.1:4010" for a local mock`;
  if (typeof raw !== "string" || raw.trim() === "") {
    throw new TypeError(`${prefix(vendor)}${source} must be a non-empty absolute URL string, ${example}.`);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Nothing of the value is quoted: a key pasted into the wrong option would be echoed into logs.
    throw new TypeError(`${prefix(vendor)}${source} is not an absolute URL; pass one like ${example}.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`${prefix(vendor)}${source} must use https: (got ${url.protocol}).`);
  }
  // Only what the URL parser found to be the origin is shown: userinfo, path and query may hold a secret, and a
  // password containing "@" defeats any pattern that tries to cut the userinfo out of the raw string.
  const shown = `${source} (origin ${url.origin})`;
  if (url.username || url.password) {
    throw new TypeError(
      `${prefix(vendor)}${shown} must not contain credentials; pass them as client options so they are sent in headers and redacted.`,
    );
  }
  if (url.search || url.hash) {
    throw new TypeError(`${prefix(vendor)}${shown} must not contain a query string or fragment; operation paths are appended to it.`);
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new TypeError(
      `${prefix(vendor)}${shown} uses plain http, which would send credentials unencrypted; use https:, ` +
        `or a loopback host (localhost, 127.0.0.0/8, [::1]) for a local mock server.`,
    );
  }
  return url.href.replace(/\/+$/, "");
}

/** True for localhost, 127.0.0.0/8 and [::1] (URL hostnames: IPv6 in brackets, IPv4 already normalised). */
function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * JSON Web Tokens as the sandbox issues them: a real header and claims (`iat`, `exp` in epoch seconds) that any
 * JWT decoder reads, as emnify's SDKs do to decide when to re-authenticate. The signature is random bytes: no
 * client can verify the vendor's signature either, and the sandbox recognises its tokens by looking them up.
 */

/** A JWT with these claims, marked HS256 like the vendors' tokens. */
export function issueJwt(claims: Readonly<Record<string, unknown>>): string {
  const signature = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return `${encodeJson({ alg: "HS256", typ: "JWT" })}.${encodeJson(claims)}.${base64url(signature)}`;
}

/** The bearer token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(headers: Readonly<Record<string, string>>): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? "")?.[1];
}

function encodeJson(value: unknown): string {
  return base64url(new TextEncoder().encode(JSON.stringify(value)));
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

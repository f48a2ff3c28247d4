/** A JWT's header and claims, decoded as any JWT library does (base64url JSON), independently of the sandbox's code. */
export function decodeJwt(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [header, claims, signature] = token.split(".");
  if (!header || !claims || !signature || token.split(".").length !== 3) throw new Error(`not a JWT: ${token}`);
  const json = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
  return { header: json(header), claims: json(claims) };
}

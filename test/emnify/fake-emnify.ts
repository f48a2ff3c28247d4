/** A fetch standing in for emnify: answers the token exchange, then whatever the test's responder says. */
export const AUTH_TOKEN = "jwt.fake.auth-token";

export function fakeEmnify(respond: (request: Request) => Response | Promise<Response> = () => json(200, [])) {
  const requests: Request[] = [];
  return {
    requests,
    /** Requests other than the token exchange. */
    calls: () => requests.filter((r) => !r.url.endsWith("/api/v1/authenticate")),
    exchanges: () => requests.filter((r) => r.url.endsWith("/api/v1/authenticate")),
    async fetch(request: Request): Promise<Response> {
      requests.push(request.clone());
      return request.url.endsWith("/api/v1/authenticate") ? json(200, { auth_token: AUTH_TOKEN }) : respond(request);
    },
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** A fetch that records every Request and answers from a responder, for tests that need no network. */
export function fakeFetch(respond: (request: Request, call: number) => Response | Promise<Response>): {
  fetch: (input: Request) => Promise<Response>;
  requests: Request[];
  bodies: string[];
} {
  const requests: Request[] = [];
  const bodies: string[] = [];
  return {
    requests,
    bodies,
    async fetch(input) {
      requests.push(input);
      bodies.push(input.body === null ? "" : await input.clone().text());
      return respond(input, requests.length);
    },
  };
}

/** A JSON Response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** A fetch that records requests and answers from a responder, for folk unit tests that need no network. */
export function recordingFetch(
  respond: (request: Request, call: number) => { status?: number; body: unknown; headers?: Record<string, string> },
) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    const { status = 200, body, headers = {} } = respond(request, requests.length);
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
  };
  return { requests, fetch };
}

/** A folk list page with the given items and, when `cursor` is given, a nextLink carrying it. */
export function folkPage(items: unknown[], cursor?: string) {
  const nextLink = cursor === undefined ? undefined : `https://api.folk.app/v1/groups?limit=20&cursor=${encodeURIComponent(cursor)}`;
  return { data: { items, pagination: nextLink === undefined ? {} : { nextLink } } };
}

/** What contract tests need from the mocks: their URLs and what Prism reported about a response. */
import { inject } from "vitest";
import { type LoadedSpec, specFromDocument } from "../../scripts/lib/spec-operations.js";

/** Base URL of an API's mock, as started by the global setup. */
export function mockUrl(api: string): string {
  const url = inject("mockUrls")[api];
  if (!url) throw new Error(`no mock for "${api}": is it listed in redocly.yaml?`);
  return url;
}

/** An API's spec as the mock serves it (bundled once by the global setup), with its operations. */
export function mockSpec(api: string): LoadedSpec {
  const document = inject("specDocuments")[api];
  if (!document) throw new Error(`no spec for "${api}": is it listed in redocly.yaml?`);
  return specFromDocument(document, api);
}

/** Headers that make Prism answer with one documented status (and, optionally, one named example). */
export function prefer(code: number, example?: string): { Prefer: string } {
  return { Prefer: example ? `code=${code}, example=${example}` : `code=${code}` };
}

export interface Violation {
  location: string[];
  message: string;
  severity: string;
}

/** Violations Prism found in a request or response (the `sl-violations` header). */
export function violations(response: Response): Violation[] {
  const header = response.headers.get("sl-violations");
  return header ? (JSON.parse(header) as Violation[]) : [];
}

/** Dotted locations of the request violations, e.g. "request.query.limit". */
export function requestViolationPaths(response: Response): string[] {
  return violations(response)
    .filter((v) => v.location[0] === "request")
    .map((v) => v.location.join("."));
}

/**
 * Asserts a request was rejected by the mock with a 4xx, and that Prism's validation report names
 * the offending field (Prism answers with the spec's documented 4xx example body and names the field
 * in `sl-violations`; without a documented 4xx it generates a 422 whose body lists it).
 */
export async function rejectionReport(response: Response, body: unknown): Promise<string> {
  if (response.status < 400 || response.status > 499) {
    throw new Error(`expected a 4xx rejection, got ${response.status}`);
  }
  const fromHeader = violations(response).filter((v) => v.location[0] === "request");
  const fromBody = (body as { validation?: Array<{ location: string[]; message: string }> } | undefined)?.validation ?? [];
  return [...fromHeader, ...fromBody].map((v) => `${v.location.join(".")}: ${v.message}`).join("\n");
}

/** A client `fetch` that forwards to the mock and keeps a copy of every request the client sent (bodies readable). */
export function recordingFetch(): { fetch: (request: Request) => Promise<Response>; requests: Request[] } {
  const requests: Request[] = [];
  return {
    requests,
    fetch: (request) => {
      requests.push(request.clone());
      return fetch(request);
    },
  };
}

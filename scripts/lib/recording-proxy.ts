/**
 * A pass-through HTTP proxy in front of a Prism mock that records what the mock actually served:
 * the operation, the status, and any spec violation Prism reported. Contract coverage is measured
 * from these records, not from test names.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { matchOperation, type SpecOperation } from "./spec-operations.js";

export interface ServedRecord {
  api: string;
  /** Operation the request was routed to, or null when no operation matches. */
  operationId: string | null;
  method: string;
  path: string;
  status: number;
  /** Prism's own error (problem+json of type prism/errors#...) rather than a response from the spec. */
  prismError: string | null;
  /** Violations Prism reported in `sl-violations` (request.* and response.*). */
  violations: Array<{ location: string[]; message: string; severity: string }>;
}

export interface RecordingProxy {
  url: string;
  records: ServedRecord[];
  close(): Promise<void>;
}

export async function startRecordingProxy(api: string, target: string, operations: SpecOperation[]): Promise<RecordingProxy> {
  const records: ServedRecord[] = [];
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const forward = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (upstreamRes) => {
          const body: Buffer[] = [];
          upstreamRes.on("data", (c: Buffer) => body.push(c));
          upstreamRes.on("end", () => {
            const payload = Buffer.concat(body);
            const pathname = new URL(req.url ?? "/", "http://mock").pathname;
            const method = req.method ?? "GET";
            records.push({
              api,
              operationId: matchOperation(operations, method, pathname)?.operationId ?? null,
              method,
              path: pathname,
              status: upstreamRes.statusCode ?? 0,
              prismError: prismErrorType(upstreamRes.headers, payload),
              violations: parseViolations(upstreamRes.headers["sl-violations"]),
            });
            res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
            res.end(payload);
          });
        },
      );
      forward.on("error", (error) => {
        res.writeHead(502, { "content-type": "text/plain" });
        res.end(`recording proxy: ${api} mock unreachable: ${error.message}`);
      });
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    records,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function prismErrorType(headers: IncomingHttpHeaders, payload: Buffer): string | null {
  if (!String(headers["content-type"] ?? "").includes("application/problem+json")) return null;
  try {
    const type = (JSON.parse(payload.toString("utf8")) as { type?: unknown }).type;
    return typeof type === "string" && type.includes("stoplight.io/prism/errors") ? type : null;
  } catch {
    return null;
  }
}

/** Prism's `sl-violations` header as a list ([] when absent; one entry holding the raw text when it is not JSON). */
export function parseViolations(header: string | string[] | undefined): ServedRecord["violations"] {
  if (typeof header !== "string") return [];
  try {
    const parsed: unknown = JSON.parse(header);
    return Array.isArray(parsed) ? (parsed as ServedRecord["violations"]) : [];
  } catch {
    return [{ location: [], message: header, severity: "Error" }];
  }
}

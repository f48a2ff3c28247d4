import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type FaultHandler = (req: http.IncomingMessage, res: http.ServerResponse, hit: number) => void;

/** A real HTTP server on 127.0.0.1 with a swappable handler, counting what it receives. */
export interface FaultServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Requests received since the last reset(), in order. */
  seen: SeenRequest[];
  /** Sets the handler for the next requests and clears `seen`. */
  reset(handler: FaultHandler): void;
  close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  let handler: FaultHandler = (_req, res) => res.end();
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      handler(req, res, seen.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    reset(next) {
      handler = next;
      seen.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Sends a JSON response. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Responds after `ms` unless the client went away first (then the timer is cleared, so nothing leaks). */
export function respondLater(res: http.ServerResponse, ms: number, respond: () => void): void {
  const timer = setTimeout(respond, ms);
  res.on("close", () => clearTimeout(timer));
}

/** Waits `ms`, or less when the client hangs up first; resolves to true when it hung up (so no timer outlives a test). */
export function waitUnlessClosed(res: http.ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    res.once("close", () => {
      clearTimeout(timer);
      resolve(!res.writableEnded);
    });
  });
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

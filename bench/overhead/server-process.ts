/**
 * The bench's HTTP server, run in its own process (forked by bench-server.ts) so that serving does not share the
 * client's event loop: on a 2-core machine the client measures on one core while the server answers on the other.
 * It answers each known `METHOD /path` with a fixed JSON body and counts the TCP connections it accepted, so the
 * bench can show that every contender reused one keep-alive connection.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

/** The one message the parent sends: `"GET /v2/companies/…"` → JSON body. */
export interface ServerSetup {
  routes: Record<string, string>;
}

/** What the server reports back. */
export type ServerMessage =
  | { type: "listening"; port: number }
  | { type: "stats"; connections: number; requests: number; unmatched: string[] };

const send = (message: ServerMessage): void => {
  process.send?.(message);
};

process.once("message", (setup: ServerSetup) => {
  const bodies = new Map(Object.entries(setup.routes).map(([route, body]) => [route, Buffer.from(body)]));
  let connections = 0;
  let requests = 0;
  const unmatched = new Set<string>();
  const server = http.createServer((req, res) => {
    // Drain any request body (the emnify token exchange is a POST) before answering.
    req.resume();
    req.on("end", () => {
      requests += 1;
      const route = `${req.method} ${req.url}`;
      const body = bodies.get(route);
      if (!body) unmatched.add(route);
      res.writeHead(body ? 200 : 404, { "content-type": "application/json", "content-length": String(body?.length ?? 2) });
      res.end(body ?? "{}");
    });
  });
  // Longer than any pause in the run, so that no contender has to reconnect.
  server.keepAliveTimeout = 120_000;
  server.on("connection", () => {
    connections += 1;
  });
  process.on("message", (message: unknown) => {
    if (message === "stats") send({ type: "stats", connections, requests, unmatched: [...unmatched] });
  });
  server.listen(0, "127.0.0.1", () => send({ type: "listening", port: (server.address() as AddressInfo).port }));
});

// The parent closing the IPC channel (normally, or by crashing) ends the server too.
process.on("disconnect", () => process.exit(0));

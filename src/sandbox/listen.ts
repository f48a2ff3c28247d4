/** Serves a sandbox over HTTP with node:http, loaded only when `listen()` is called. */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { IncomingCall } from "./engine.js";
import { DEFAULT_MAX_BODY_BYTES } from "./limits.js";
import type { RequestProblem, VendorSandbox } from "./types.js";

export interface ListenOptions {
  /** Port to listen on (default 0: a free port). */
  port?: number;
  /** Interface to bind (default "127.0.0.1"). */
  host?: string;
}

export interface SandboxServer {
  /** Base URL of the server, e.g. http://127.0.0.1:4010. */
  url: string;
  /**
   * Stops accepting connections, ends every call still open (an injected delay or a stalled body included),
   * and resolves once the server is closed.
   */
  close(): Promise<void>;
}

/**
 * Serves `handle` on a port. Every request gets an HTTP answer from the engine, whatever its method, target,
 * headers or body; a request node's parser refuses (malformed HTTP, a CONNECT) gets the vendor's error too.
 */
export async function listen(
  handle: (incoming: IncomingCall) => Promise<Response>,
  vendor: VendorSandbox,
  options: ListenOptions = {},
): Promise<SandboxServer> {
  const { port = 0, host = "127.0.0.1" } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new TypeError(`listen: port must be an integer 0-65535, got ${String(port)}`);
  const { createServer, STATUS_CODES } = await import("node:http");
  const maxBodyBytes = vendor.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let origin = "";
  // One controller per open call: it aborts when the client hangs up or the server closes, ending an injected
  // delay or a stalled body, so that no timer and no socket outlives the server.
  const open = new Set<AbortController>();
  const server = createServer((incoming, outgoing) => {
    const controller = new AbortController();
    open.add(controller);
    outgoing.on("close", () => {
      open.delete(controller);
      controller.abort(new DOMException("the client closed the connection", "AbortError"));
    });
    // A client that resets mid-request or mid-answer: the socket is gone, there is no one left to answer.
    incoming.on("error", () => outgoing.destroy());
    outgoing.on("error", () => outgoing.destroy());
    // The body is counted as it arrives and kept only up to the limit: a larger one is read to its end (so that
    // the client gets the 413) but not stored.
    const chunks: Buffer[] = [];
    let received = 0;
    incoming.on("data", (chunk: Buffer) => {
      received += chunk.byteLength;
      if (received <= maxBodyBytes) chunks.push(chunk);
      else chunks.length = 0;
    });
    incoming.on("end", () => {
      const headers = new Headers();
      for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) {
        const [name, value] = [incoming.rawHeaders[i] as string, incoming.rawHeaders[i + 1] as string];
        // node's parser has already refused names and values outside HTTP's grammar; Headers is stricter still.
        try {
          headers.append(name, value);
        } catch {}
      }
      const call: IncomingCall = {
        method: incoming.method ?? "GET",
        target: incoming.url ?? "/",
        origin,
        headers,
        body: received > 0 && received <= maxBodyBytes ? Buffer.concat(chunks) : undefined,
        ...(received > maxBodyBytes ? { oversizeBytes: received } : {}),
        signal: controller.signal,
      };
      handle(call)
        .then(
          async (response) => {
            outgoing.writeHead(response.status, Object.fromEntries(response.headers));
            if (!response.body) return void outgoing.end();
            // Streamed, so that a stalled body sends its first half and then nothing.
            const reader = response.body.getReader();
            for (let read = await reader.read(); !read.done; read = await reader.read()) outgoing.write(read.value);
            outgoing.end();
          },
          (error: unknown) => {
            if (controller.signal.aborted || outgoing.headersSent) return void outgoing.destroy();
            // A reply that breaks the spec (SandboxContractError): a bug in the sandbox, reported as such.
            outgoing.writeHead(500, { "content-type": "text/plain" });
            outgoing.end(`crm-kit sandbox: ${error instanceof Error ? error.message : String(error)}`);
          },
        )
        .catch(() => outgoing.destroy()); // the body stopped: the client or the server went away mid-answer
    });
  });
  // What node's parser refuses never reaches the handler: answer it with the vendor's invalid-request error (its
  // 400/422), then hang up.
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return void socket.destroy();
    const why =
      error.code === "HPE_HEADER_OVERFLOW"
        ? "the request headers are too large"
        : `the request is not valid HTTP (${error.code ?? "parse error"})`;
    const reply = vendor.errors.invalidRequest([headerProblem(why)], "");
    socket.end(rawResponse(reply.status, STATUS_CODES[reply.status], reply.body));
  });
  server.on("connect", (request: IncomingMessage, socket: Duplex) => {
    socket.on("error", () => socket.destroy());
    const reply = vendor.errors.unknownRoute(request.method ?? "CONNECT", origin);
    socket.end(rawResponse(reply.status, STATUS_CODES[reply.status], reply.body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  origin = `http://${host.includes(":") ? `[${host}]` : host}:${boundPort}`;
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const controller of open) controller.abort(new DOMException("the sandbox server closed", "AbortError"));
        server.closeAllConnections();
      }),
  };
}

function headerProblem(message: string): RequestProblem {
  return { in: "header", field: "", path: [], rule: "parse", message };
}

/** A whole HTTP/1.1 answer as bytes, for a socket node's parser gave up on; the connection closes after it. */
function rawResponse(status: number, reason: string | undefined, body: unknown): string {
  const text = JSON.stringify(body);
  const head = [
    `HTTP/1.1 ${status} ${reason ?? "Error"}`,
    "content-type: application/json",
    `content-length: ${Buffer.byteLength(text)}`,
    "connection: close",
  ];
  return `${head.join("\r\n")}\r\n\r\n${text}`;
}

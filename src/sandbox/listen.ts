/** Serves a sandbox's fetch over HTTP with node:http, loaded only when `listen()` is called. */

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

export async function listen(fetchHandler: (request: Request) => Promise<Response>, options: ListenOptions = {}): Promise<SandboxServer> {
  const { port = 0, host = "127.0.0.1" } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new TypeError(`listen: port must be an integer 0-65535, got ${String(port)}`);
  const { createServer } = await import("node:http");
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
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      }
      const method = incoming.method ?? "GET";
      const body = chunks.length > 0 && method !== "GET" && method !== "HEAD" ? Buffer.concat(chunks) : undefined;
      const request = new Request(`http://${host}${incoming.url ?? "/"}`, { method, headers, body, signal: controller.signal });
      fetchHandler(request)
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
            if (controller.signal.aborted) return void outgoing.destroy();
            outgoing.writeHead(500, { "content-type": "text/plain" });
            outgoing.end(`crm-kit sandbox: ${error instanceof Error ? error.message : String(error)}`);
          },
        )
        .catch(() => outgoing.destroy()); // the body stopped: the client or the server went away mid-answer
    });
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
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${boundPort}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const controller of open) controller.abort(new DOMException("the sandbox server closed", "AbortError"));
        server.closeAllConnections();
      }),
  };
}

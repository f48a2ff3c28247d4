/**
 * A local stand-in for emnify's token handling, on an ephemeral port: it issues auth_tokens on
 * POST /api/v1/authenticate and answers 401 for a token it has expired. Its error messages quote the tokens they
 * reject, so that a test can prove the client never passes a token on to an error or a log line.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { waitUnlessClosed } from "../core/helpers/fault-server.js";

export interface TokenServer {
  /** Base URL, e.g. http://127.0.0.1:54321. */
  url: string;
  /** Every auth_token issued so far, oldest first. */
  issued: string[];
  /** How many exchanges were requested, successful, failed or abandoned by the client. */
  exchanges: number;
  /** The bearer token of each contact request, in arrival order. */
  bearers: string[];
  /** Expires every token issued so far (as emnify does after 240 minutes). */
  expireAll(): void;
  /** When true, every token is refused, fresh ones too. */
  refuseAll: boolean;
  /** Milliseconds the exchange takes, so that concurrent calls overlap it. */
  exchangeDelayMs: number;
  /** Forgets the counters. */
  reset(): void;
  close(): Promise<void>;
}

export async function startTokenServer(applicationToken: string): Promise<TokenServer> {
  const expired = new Set<string>();
  let counter = 0;

  const state: Omit<TokenServer, "url" | "close"> = {
    issued: [],
    exchanges: 0,
    bearers: [],
    refuseAll: false,
    exchangeDelayMs: 0,
    expireAll: () => {
      for (const token of state.issued) expired.add(token);
    },
    reset() {
      for (const token of state.issued) expired.add(token);
      state.exchanges = 0;
      state.bearers = [];
      state.refuseAll = false;
      state.exchangeDelayMs = 0;
    },
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (request.method === "POST" && request.url === "/api/v1/authenticate") {
      state.exchanges += 1;
      // A client that gave up gets no token: issuing one would show up in a later test's `issued`.
      if (await waitUnlessClosed(response, state.exchangeDelayMs)) return;
      const given = (JSON.parse(body || "{}") as { application_token?: unknown }).application_token;
      if (given !== applicationToken) {
        return send(response, 401, {
          error_code: 1101,
          error_token: "InvalidCredentials",
          message: `Invalid credentials: ${String(given)}`,
        });
      }
      counter += 1;
      const token = `eyJ.issued-${counter}.${Math.random().toString(36).slice(2)}`;
      state.issued.push(token);
      return send(response, 200, { auth_token: token });
    }
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1] ?? "";
    state.bearers.push(token);
    if (state.refuseAll || expired.has(token) || !state.issued.includes(token)) {
      return send(
        response,
        401,
        { error_code: 1103, error_token: "TokenExpired", message: `Token expired: ${token}` },
        { "x-echo-token": token },
      );
    }
    return send(response, 200, [{ id: 5678, name: "Marc Muller" }]);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

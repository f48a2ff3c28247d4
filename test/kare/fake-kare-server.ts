/**
 * A tiny stand-in for Kare on a loopback port: login issues numbered session tokens, list calls accept only a
 * live one. Error messages echo the credentials they got, as careless servers do, so redaction can be tested.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { waitUnlessClosed } from "../core/helpers/fault-server.js";

export const ORG_TOKEN = "org-token-7f3a9c";
export const EMAIL = "manager@example.com";
export const PASSWORD = "hunter2-correct-horse";

export interface FakeKare {
  /** Base URL, e.g. http://127.0.0.1:54321. */
  url: string;
  /** Every request, as "METHOD /path status". */
  log: string[];
  /** Successful logins so far. */
  logins(): number;
  /** The session tokens issued so far, oldest first. */
  issued: string[];
  /** Makes every issued session token invalid, as when sessions expire. */
  expireSessions(): void;
  /** When true, list calls answer 401 whatever the session (a revoked organisation token, say). */
  rejectEverySession: boolean;
  /** When true, login answers 201 without a session token. */
  loginWithoutSession: boolean;
  /** How long login takes, so that concurrent calls overlap it (default 20 ms). */
  loginDelayMs: number;
  close(): Promise<void>;
}

export async function startFakeKare(): Promise<FakeKare> {
  const live = new Set<string>();
  const fake: FakeKare = {
    url: "",
    log: [],
    logins: () => fake.issued.length,
    issued: [],
    expireSessions: () => live.clear(),
    rejectEverySession: false,
    loginWithoutSession: false,
    loginDelayMs: 20,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };

  const send = (req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void => {
    fake.log.push(`${req.method} ${new URL(req.url ?? "/", "http://x").pathname} ${status}`);
    res.writeHead(status, { "content-type": "application/json", "x-amzn-requestid": "req-1" });
    res.end(JSON.stringify(body));
  };

  const login = async (req: IncomingMessage, res: ServerResponse, auth: string | undefined): Promise<void> => {
    const credentials = JSON.parse(await readBody(req)) as { email?: string; password?: string };
    // A client that gave up gets no session: issuing one would show up in a later test's `issued`.
    if (await waitUnlessClosed(res, fake.loginDelayMs)) return;
    if (auth !== `Bearer ${ORG_TOKEN}` || credentials.email !== EMAIL || credentials.password !== PASSWORD) {
      return send(req, res, 401, { message: `Invalid credentials: ${credentials.email}/${credentials.password} with ${auth}` });
    }
    const n = fake.issued.length + 1;
    const session = `session-${n}-5d1e8b`;
    fake.issued.push(session);
    live.add(session);
    const data = { accessToken: `access-${n}-a9e2`, refreshToken: `refresh-${n}-b7c4`, sessionToken: session };
    if (fake.loginWithoutSession) return send(req, res, 201, { data: { ...data, sessionToken: undefined } });
    send(req, res, 201, { data });
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const auth = req.headers.authorization;
    if (req.method === "POST" && path === "/auth/v1/rs/login/credentials") {
      login(req, res, auth).catch(() => send(req, res, 400, { message: "Invalid request body" }));
      return;
    }
    const session = String(req.headers["x-session-token"] ?? "");
    if (auth !== `Bearer ${ORG_TOKEN}` || !live.has(session) || fake.rejectEverySession) {
      send(req, res, 401, { message: `Session ${session} is expired or invalid` });
      return;
    }
    send(req, res, 200, { data: [{ id: 42, name: "Résidence Les Tilleuls" }], totalCount: 1, pagination: { page: 1, pageSize: 50 } });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

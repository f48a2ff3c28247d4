/**
 * A webhook receiver for the workflows that check a sandbox's deliveries: a loopback HTTP server that keeps
 * every delivery POSTed to `/deliveries`, and answers `POST /verify` (`{ type, secret }`) with the latest
 * delivery of that type once it has arrived, verified by the vendor's verifier (crm-kit's own
 * `verifyFolkWebhook` or `verifyFeaturebaseWebhook`), or a 422 naming the check that refused it.
 * A workflow reads both URLs from its inputs (WEBHOOK_RECEIVER_URL, WEBHOOK_VERIFY_URL).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebhookVerificationError } from "../../src/core/index.js";
import { verifyFeaturebaseWebhook } from "../../src/featurebase/index.js";
import { verifyFolkWebhook } from "../../src/folk/index.js";

/** The inputs a workflow declares to get the receiver's URLs. */
export const RECEIVER_ENV = { delivery: "WEBHOOK_RECEIVER_URL", verify: "WEBHOOK_VERIFY_URL" } as const;

const VERIFIERS: Record<string, (delivery: { headers: Headers; body: Uint8Array }, secret: string) => Promise<unknown>> = {
  folk: verifyFolkWebhook,
  featurebase: verifyFeaturebaseWebhook,
};

export interface WebhookReceiver {
  /** Environment variables for the workflows: where deliveries go and where they are verified. */
  env: Record<string, string>;
  close(): Promise<void>;
}

interface Received {
  headers: Headers;
  body: Uint8Array;
  type: string | undefined;
}

/** Starts a receiver for one API's deliveries; `waitMs` is how long `/verify` waits for a delivery to arrive. */
export async function startWebhookReceiver(api: string, waitMs = 30_000): Promise<WebhookReceiver> {
  const verify = VERIFIERS[api];
  if (!verify) throw new Error(`webhook receiver: no verifier for ${api} (has: ${Object.keys(VERIFIERS).join(", ")})`);
  const received: Received[] = [];
  const waiters = new Set<() => void>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const latest = (type: string) => received.findLast((delivery) => delivery.type === type);
  const arrival = (type: string) =>
    new Promise<Received | undefined>((resolve) => {
      const check = () => {
        const found = latest(type);
        if (!found) return;
        finish(found);
      };
      const finish = (value: Received | undefined) => {
        waiters.delete(check);
        clearTimeout(timer);
        timers.delete(timer);
        resolve(value);
      };
      const timer = setTimeout(() => finish(latest(type)), waitMs);
      timers.add(timer);
      waiters.add(check);
      check();
    });

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const body = new Uint8Array(await readBody(request));
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
    const reply = (status: number, json: unknown) =>
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
    if (request.method === "POST" && request.url === "/deliveries") {
      received.push({ headers, body, type: typeOf(body) });
      for (const waiter of [...waiters]) waiter();
      return void response.writeHead(204).end();
    }
    if (request.method === "POST" && request.url === "/verify") {
      const { type, secret } = JSON.parse(new TextDecoder().decode(body)) as { type?: string; secret?: string };
      if (typeof type !== "string" || typeof secret !== "string") return reply(400, { error: "body must be { type, secret }" });
      const delivery = await arrival(type);
      if (!delivery) return reply(404, { error: `no ${type} delivery arrived within ${waitMs} ms (${received.length} received)` });
      try {
        return reply(200, await verify({ headers: delivery.headers, body: delivery.body }, secret));
      } catch (error) {
        if (error instanceof WebhookVerificationError) return reply(422, { error: error.message, check: error.check });
        throw error;
      }
    }
    reply(404, { error: `no route ${request.method} ${request.url}` });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end(error instanceof Error ? error.message : String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    env: { [RECEIVER_ENV.delivery]: `${url}/deliveries`, [RECEIVER_ENV.verify]: `${url}/verify` },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        for (const waiter of [...waiters]) waiter();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** The event's type (folk) or topic (Featurebase), read without trusting the body. */
function typeOf(body: Uint8Array): string | undefined {
  try {
    const event = JSON.parse(new TextDecoder().decode(body)) as { type?: unknown; topic?: unknown };
    const type = event.type ?? event.topic;
    return typeof type === "string" ? type : undefined;
  } catch {
    return undefined;
  }
}

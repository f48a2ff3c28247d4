/**
 * The hook between a vendor's handlers and its webhook deliveries: `withWebhookEvents` wraps the handlers of
 * the operations that change a subscribed resource, so that a 2xx reply sends the events the change makes.
 * The handlers and stores stay as they are; a store with no dispatcher attached (a store unit-tested on its
 * own) sends nothing.
 */
import type { AnyReply, OperationShape, SandboxRequest } from "../types.js";

type AnyHandler = (request: SandboxRequest<OperationShape>, store: unknown) => AnyReply;

/** What a wrapped handler hands its events to: the sandbox's dispatcher. */
export interface EventSink<Draft> {
  send(drafts: readonly Draft[], store: unknown): void;
}

const sinks = new WeakMap<object, EventSink<unknown>>();

/** Sends the events of calls on `store` to `sink` (createSandbox does it for each new store). */
export function attachEventSink<Draft>(store: unknown, sink: EventSink<Draft>): void {
  if (typeof store === "object" && store !== null) sinks.set(store, sink as EventSink<unknown>);
}

/**
 * The events one operation makes: `observe` runs before the handler (to read the resource as it was) and
 * returns what turns the handler's 2xx reply into events.
 */
export type EventRule<Draft> = (
  request: SandboxRequest<OperationShape>,
  store: unknown,
  handlers: Readonly<Record<string, AnyHandler>>,
) => (reply: AnyReply) => Draft[];

/** The handlers, with those named in `rules` sending their events after a 2xx reply. */
export function withWebhookEvents<Handlers extends object, Draft>(
  handlers: Handlers,
  rules: Readonly<Record<string, EventRule<Draft>>>,
): Handlers {
  const plain = handlers as unknown as Record<string, AnyHandler>;
  const wrapped: Record<string, AnyHandler> = { ...plain };
  for (const [operationId, rule] of Object.entries(rules)) {
    const handler = plain[operationId];
    if (!handler) throw new TypeError(`withWebhookEvents: no handler ${operationId}`);
    wrapped[operationId] = (request, store) => {
      const sink = typeof store === "object" && store !== null ? sinks.get(store) : undefined;
      if (!sink) return handler(request, store);
      const finish = rule(request, store, plain);
      const reply = handler(request, store);
      if (reply.status >= 200 && reply.status < 300) sink.send(finish(reply), store);
      return reply;
    };
  }
  return wrapped as unknown as Handlers;
}

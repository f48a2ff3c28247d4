/**
 * folk's webhooks (https://developer.folk.app/api-reference/webhooks): created active, with a signing secret
 * shown in clear only in the creation's response (redacted afterwards); PATCH changes only the fields sent.
 * The events are delivered by ../webhooks/ (a sandbox's dispatcher), to the active ones.
 */
import { RecordTable } from "../record-table.js";
import {
  type CreateWebhookInput,
  defined,
  type FolkDirectory,
  type InvalidFailure,
  type NotFoundFailure,
  notFound,
  type UpdateWebhookInput,
  type Webhook,
  type WebhookWithSigningSecret,
} from "./model.js";
import { type FolkPage, type PageRequest, pageOf } from "./paging.js";

export class WebhookStore {
  readonly #webhooks = new RecordTable<WebhookWithSigningSecret>();
  readonly #directory: FolkDirectory;
  readonly #newSecret: () => string;

  constructor(directory: FolkDirectory, newSecret = () => `whsec_${btoa(crypto.randomUUID().replaceAll("-", ""))}`) {
    this.#directory = directory;
    this.#newSecret = newSecret;
  }

  putWebhook(webhook: WebhookWithSigningSecret): void {
    this.#webhooks.set(webhook.id, webhook);
  }

  /** The only answer that carries `signingSecret` in clear. */
  createWebhook(input: CreateWebhookInput): WebhookWithSigningSecret {
    const webhook: WebhookWithSigningSecret = {
      id: this.#directory.newId("wbk"),
      name: input.name,
      targetUrl: input.targetUrl,
      subscribedEvents: input.subscribedEvents,
      signingSecret: this.#newSecret(),
      status: "active",
      createdAt: this.#directory.now().toISOString(),
    };
    this.#webhooks.set(webhook.id, webhook);
    return webhook;
  }

  getWebhook(id: string): Webhook | NotFoundFailure {
    const webhook = this.#webhooks.get(id);
    return webhook ? redacted(webhook) : notFound("webhook", id);
  }

  /** Changes only the fields sent; `subscribedEvents` sent replaces the list. */
  updateWebhook(id: string, input: UpdateWebhookInput): Webhook | NotFoundFailure {
    const webhook = this.#webhooks.get(id);
    if (!webhook) return notFound("webhook", id);
    const next = { ...webhook, ...defined(input) };
    this.#webhooks.set(id, next);
    return redacted(next);
  }

  deleteWebhook(id: string): { id: string } | NotFoundFailure {
    return this.#webhooks.delete(id) ? { id } : notFound("webhook", id);
  }

  /** The active webhooks with their secrets, for the sandbox's deliveries (../webhooks/folk.ts). */
  activeWebhooks(): WebhookWithSigningSecret[] {
    return this.#webhooks.values().filter((webhook) => webhook.status === "active");
  }

  listWebhooks(request: PageRequest): FolkPage<Webhook> | InvalidFailure {
    return pageOf(this.#webhooks, request, () => true, redacted);
  }
}

/** The webhook as folk shows it after creation: the secret's first and last characters only. */
function redacted(webhook: WebhookWithSigningSecret): Webhook {
  const { signingSecret, ...fields } = webhook;
  return { ...fields, redactedSigningSecret: `${signingSecret.slice(0, 6)}${"*".repeat(22)}${signingSecret.slice(-4)}` };
}

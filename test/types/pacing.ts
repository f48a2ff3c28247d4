/**
 * The pacing options take what the runtime takes: "documented", a window, false or a limiter object; a wait
 * event carries waitedMs.
 */
import { createRateLimiter, type LogEvent, type RateLimiter } from "crm-kit";
import { createFolkClient } from "crm-kit/folk";
import { createKareClient } from "crm-kit/kare";

declare const apiKey: string;

export function rateLimitOptions(): void {
  createFolkClient({ apiKey, rateLimit: "documented" });
  createFolkClient({ apiKey, rateLimit: { limit: 20, windowMs: 2_000 } });
  createFolkClient({ apiKey, rateLimit: false, maxConcurrency: 4 });
  const shared: RateLimiter = createRateLimiter({ limit: 100, windowMs: 60_000 });
  createFolkClient({ apiKey, rateLimit: shared });
  createKareClient({ token: "org-token", sessionToken: "session-token", rateLimit: shared });
  const custom: RateLimiter = {
    acquire: async ({ operation, signal }) => {
      signal?.throwIfAborted();
      return { waitedMs: operation.length, release: ({ status, headers }) => void [status, headers?.get("retry-after")] };
    },
  };
  createFolkClient({ apiKey, rateLimit: custom });
  // @ts-expect-error "documented" is the only string
  createFolkClient({ apiKey, rateLimit: "fast" });
  // @ts-expect-error a window needs windowMs
  createFolkClient({ apiKey, rateLimit: { limit: 20 } });
  // @ts-expect-error true is not an option: pacing is on by default
  createFolkClient({ apiKey, rateLimit: true });
  // @ts-expect-error maxConcurrency is a number
  createFolkClient({ apiKey, maxConcurrency: "4" });
}

export function waitEvents(event: LogEvent): number {
  return event.type === "wait" ? event.waitedMs : 0;
}

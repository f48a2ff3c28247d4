/** The sandbox options of webhook deliveries (folk, Featurebase) and their checks. */

export interface WebhookSandboxOptions {
  /**
   * Receive every delivery in process instead of over HTTP: called with the signed POST, its answer's status
   * counts as the receiver's (2xx delivered, anything else or a throw retried). Nothing leaves the process.
   */
  webhookHandler?: (request: Request) => Response | Promise<Response>;
  /**
   * Hosts besides loopback (localhost, 127.0.0.0/8, [::1]) that deliveries may go to (default none; `["*"]`
   * any). A delivery to another host is recorded as failed, never sent.
   */
  webhookHosts?: readonly string[];
  /** The retry delays in ms after each failed attempt (default: the vendor's schedule; `[]` never retries). */
  webhookRetryDelaysMs?: readonly number[];
}

type Check = (value: unknown) => string | undefined;

const arrayOf = (value: unknown, item: (entry: unknown) => boolean): boolean => Array.isArray(value) && value.every(item);

export const WEBHOOK_OPTION_CHECKS: { [Name in keyof Required<WebhookSandboxOptions>]: Check } = {
  webhookHandler: (value) => (typeof value === "function" ? undefined : "must be a function (request: Request) => Response"),
  webhookHosts: (value) =>
    arrayOf(value, (host) => typeof host === "string" && host !== "") ? undefined : 'must be an array of host names (or ["*"])',
  webhookRetryDelaysMs: (value) =>
    arrayOf(value, (delay) => Number.isSafeInteger(delay) && (delay as number) >= 0)
      ? undefined
      : "must be an array of delays in ms (integers >= 0)",
};

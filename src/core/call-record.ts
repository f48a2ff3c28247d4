import type { VendorDefinition } from "./vendor.js";

/**
 * What `unwrap(result)` needs to know of a call that ended in a non-2xx response: the vendor, the request as sent,
 * and the secrets to redact from its ApiError. Filed under the Response the call returned, so that
 * `unwrap(client.GET(...))` needs no reference to the client; a WeakMap lets the entry go with the response.
 */
export interface FailedCall {
  readonly vendor: VendorDefinition;
  readonly method: string;
  readonly url: string;
  /** The auth's secrets when the response arrived. */
  readonly secrets: string[];
}

const failedCalls = new WeakMap<Response, FailedCall>();

/** Files the call that ended in `response` (a non-2xx one). */
export function fileFailedCall(response: Response, call: FailedCall): void {
  failedCalls.set(response, call);
}

/** The call filed for `response`, if a crm-kit client returned it. */
export function failedCallOf(response: Response): FailedCall | undefined {
  return failedCalls.get(response);
}

import type { VendorDefinition } from "./vendor.js";

/** What `unwrap` needs to turn a failed result into an ApiError that names the vendor and redacts secrets. */
export interface FailedCall {
  vendor: VendorDefinition;
  method: string;
  url: string;
  /** The auth's secrets when the response arrived. */
  secrets: string[];
}

// Keyed by the Response openapi-fetch returns, so `unwrap(client.GET(...))` needs no reference to the client;
// a WeakMap lets the entry go with the response.
const failedCalls = new WeakMap<Response, FailedCall>();

export function rememberFailedCall(response: Response, call: FailedCall): void {
  failedCalls.set(response, call);
}

export function failedCallOf(response: Response): FailedCall | undefined {
  return failedCalls.get(response);
}

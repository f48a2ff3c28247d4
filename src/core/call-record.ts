import type { VendorDefinition } from "./vendor.js";

/**
 * The record of one client call. It exists because openapi-fetch hands its custom fetch nothing but a Request:
 * what a call needs beyond that travels here. One writer and one reader per field: the client (client.ts) creates
 * it with what the call asked for; the transport (transport.ts) writes what happened (method and URL as sent, the
 * final response and its body text, read under the attempt's timeout); the client reads that back to parse the
 * body and, for a non-2xx result, files the record under the Response so that `unwrap(result)` (unwrap.ts) can
 * name the vendor and the call and redact its secrets without a reference to the client.
 */
export interface CallRecord {
  readonly vendor: VendorDefinition;
  /** How the caller wants a 2xx body parsed ("json" unless the call passed parseAs). */
  readonly parseAs: string;
  /**
   * True when the client parses a 2xx JSON body from `final.text` itself: the transport then returns the response
   * as it came, body read, instead of a rebuilt Response for openapi-fetch to read a second time. False when
   * middleware may read the response.
   */
  readonly takesText: boolean;
  /**
   * The caller's `signal` option. It is kept here rather than on the Request, whose derived signal a garbage
   * collection can detach from it and which would add a listener to it for as long as the Request lives.
   */
  signal: AbortSignal | undefined;
  /** True when middleware may have replaced the Request: its signal, if it aborts, then counts as the caller's. */
  middleware: boolean;
  /** The operation's path as the caller named it (a template such as "/companies/{id}"), for auth strategies. */
  readonly path: string;
  /** Method and URL: as the caller asked, then as the transport sent them (written by the transport only). */
  method: string;
  url: string;
  /** The final response and its body text when the transport read it, for parsing and ResponseParseError. */
  final?: { response: Response; text: string } | undefined;
  /** The auth's secrets when a failed response arrived, for unwrap's ApiError. */
  secrets?: string[] | undefined;
}

// Keyed by the Response openapi-fetch returns, so `unwrap(client.GET(...))` needs no reference to the client;
// a WeakMap lets the entry go with the response.
const failedCalls = new WeakMap<Response, CallRecord>();

/** Files the record of a call that ended in a non-2xx response, with the secrets to redact from its ApiError. */
export function fileFailedCall(response: Response, record: CallRecord, secrets: string[]): void {
  record.secrets = secrets;
  // Kept as long as the Response is: the raw body text and the caller's signal are not needed any more.
  record.final = undefined;
  record.signal = undefined;
  failedCalls.set(response, record);
}

/** The record filed for `response`, if a crm-kit client returned it. */
export function failedCallOf(response: Response): CallRecord | undefined {
  return failedCalls.get(response);
}

import { ApiError } from "./api-error.js";
import { failedCallOf } from "./call-record.js";

/** The part of an openapi-fetch result that `unwrap` reads. */
export interface FetchResultLike {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * The data type of a successful result. For openapi-fetch's typed results it is exactly the documented 2xx
 * content, so `undefined` appears only where the operation documents a response without content (204);
 * for a loosely typed `{ data?: T }` it is `NonNullable<T>`.
 */
export type UnwrappedData<R> = R extends { data: infer D }
  ? D
  : R extends { error: unknown }
    ? never
    : R extends { data?: infer D }
      ? NonNullable<D>
      : never;

/**
 * Throwing style: resolves to the data of a 2xx result, or throws the ApiError subclass for the status
 * (NotFoundError, RateLimitError, …). Transport failures (ConnectionError, TimeoutError, ResponseParseError)
 * and a caller's abort reject the client call itself and pass through unchanged.
 *
 *   const company = await unwrap(client.GET("/companies/{id}", { params: { path: { id } } }));
 */
export async function unwrap<R extends FetchResultLike>(result: R | Promise<R>): Promise<UnwrappedData<R>> {
  const { data, error, response } = await result;
  if (response.ok) return data as UnwrappedData<R>;
  const call = failedCallOf(response);
  throw ApiError.from({
    status: response.status,
    statusText: response.statusText,
    body: error,
    headers: response.headers,
    method: call?.method ?? "request",
    url: call?.url ?? response.url,
    vendor: call?.vendor,
    secrets: call?.secrets,
  });
}

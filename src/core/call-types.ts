/**
 * The types of a crm-kit client's methods. openapi-fetch's own take the call's init as a type parameter, which
 * switches off TypeScript's excess-property check, and then add `[key: string]: unknown` to it: a misspelled
 * option (`parms`) or an unknown field of a closed body compiled and was dropped or sent. These keep
 * openapi-fetch's inference (the init is still inferred, so `parseAs` still shapes `data`) and check the
 * inferred init against the operation's shape, key by key, down through `params`, `body` and `retry`.
 */
import type { FetchOptions, FetchResponse, Middleware } from "openapi-fetch";
import type { CallOverrides } from "./options.js";

type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
type MediaType = `${string}/${string}`;

/** The paths that have an operation for `M`. */
export type PathsWithMethod<Paths, M extends HttpMethod> = {
  [P in keyof Paths]: Paths[P] extends Record<M, unknown> ? (Paths[P][M] extends undefined | never ? never : P) : never;
}[keyof Paths];

/** The keys of T that are not optional. */
export type RequiredKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? never : K }[keyof T];

/**
 * The options of one call: openapi-fetch's (params, body, headers, parseAs, fetch, middleware, baseUrl, the
 * serializers and the RequestInit options that reach fetch) and the policies a call may change (`timeoutMs`,
 * `maxRetries`, `retry`). Not here, so refused: a per-call `pathSerializer` and `Request` (the client's are
 * used), `method` and `window`, and `logger` (set it on the client).
 */
export type CallInit<Operation> = Omit<FetchOptions<Operation>, "pathSerializer" | "method" | "window"> &
  CallOverrides & { middleware?: Middleware[] | undefined };

/** `CallInit<Operation>`, or undefined when nothing in it is required. */
export type MaybeOptionalCallInit<Operation> =
  RequiredKeys<CallInit<Operation>> extends never ? CallInit<Operation> | undefined : CallInit<Operation>;

// Every key of any member of a union (keyof a union is only the keys all members share).
type KeysOfUnion<T> = T extends unknown ? keyof T : never;
// The type of key K in the union members that have it.
type ValueOfUnion<T, K> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

/**
 * `T` with every key its shape does not know mapped to `never`, recursively through plain objects and arrays:
 * an object literal with a misspelled key then fails to typecheck, naming that key. A shape with an index
 * signature (an open schema) accepts any key; unions accept a key any member has.
 */
export type Exact<T, Shape> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T
  : [NonNullable<Shape>] extends [never]
    ? T
    : unknown extends Shape
      ? T
      : NonNullable<Shape> extends (...args: never[]) => unknown
        ? T
        : T extends readonly unknown[]
          ? { [I in keyof T]: Exact<T[I], ElementOf<NonNullable<Shape>>> }
          : T extends object
            ? {
                [K in keyof T]: string extends K
                  ? T[K] // an index signature of a value typed elsewhere (not a literal's misspelled key): assignability decides
                  : K extends KeysOfUnion<NonNullable<Shape>>
                    ? Exact<T[K], ValueOfUnion<NonNullable<Shape>, K>>
                    : never;
              }
            : T;

type ElementOf<Shape> = Shape extends readonly (infer E)[] ? E : unknown;

// Only params, body and retry are data shapes worth walking; the other options are functions and platform objects.
type ExactInit<Init, Shape> = {
  [K in keyof Init]: K extends KeysOfUnion<NonNullable<Shape>>
    ? K extends "params" | "body" | "retry"
      ? Exact<Init[K], ValueOfUnion<NonNullable<Shape>, K>>
      : Init[K]
    : never;
};

/** The init argument: optional when nothing in it is required; checked key by key against the operation. */
type InitArgs<Init, Shape> =
  RequiredKeys<Init> extends never ? [init?: Init & ExactInit<Init, Shape>] : [init: Init & ExactInit<Init, Shape>];

type Operation<Paths, P, M extends HttpMethod> = P extends keyof Paths ? (M extends keyof Paths[P] ? Paths[P][M] : never) : never;

/** One method of a crm-kit client, `client.GET(path, init)`: openapi-fetch's, with the init checked exactly. */
export type CrmClientMethod<Paths extends {}, M extends HttpMethod, Media extends MediaType = MediaType> = <
  Path extends PathsWithMethod<Paths, M>,
  Init extends MaybeOptionalCallInit<Operation<Paths, Path, M>>,
>(
  url: Path,
  ...init: InitArgs<Init, CallInit<Operation<Paths, Path, M>>>
) => Promise<FetchResponse<Operation<Paths, Path, M> & Record<string | number, unknown>, Init, Media>>;

/** `client.request(method, path, init)`. */
export type CrmClientRequestMethod<Paths extends {}, Media extends MediaType = MediaType> = <
  M extends HttpMethod,
  Path extends PathsWithMethod<Paths, M>,
  Init extends MaybeOptionalCallInit<Operation<Paths, Path, M>>,
>(
  method: M,
  url: Path,
  ...init: InitArgs<Init, CallInit<Operation<Paths, Path, M>>>
) => Promise<FetchResponse<Operation<Paths, Path, M> & Record<string | number, unknown>, Init, Media>>;

/** What `client.GET(path, init)` takes as `init` for one path: for a paginator's signature. */
export type GetInit<Paths, Path> = CallInit<Operation<Paths, Path, "get">>;
/** What `client.POST(path, init)` takes as `init` for one path. */
export type PostInit<Paths, Path> = CallInit<Operation<Paths, Path, "post">>;

/**
 * The shapes a vendor's sandbox is written in: typed handlers over the generated `operations`, a store
 * that owns the vendor's rules, and the vendor's own error envelope for what the engine rejects.
 */

/** The part of an openapi-typescript `operations[...]` entry a handler is typed from. */
export interface OperationShape {
  parameters: { query?: unknown; header?: unknown; path?: unknown; cookie?: unknown };
  requestBody?: unknown;
  responses: object;
}

type Present<T> = [NonNullable<T>] extends [never] ? Record<string, never> : NonNullable<T>;
type JsonOf<T> = T extends { content: { "application/json": infer Body } } ? Body : undefined;

/** A request that passed the spec's validation: path and query values already coerced to their schema types. */
export interface SandboxRequest<Op extends OperationShape> {
  /** Path parameters, by name. */
  path: Present<Op["parameters"]["path"]>;
  /** Query parameters, by name (deepObject parameters arrive nested). */
  query: Present<Op["parameters"]["query"]>;
  /** The JSON body, when the operation has one. */
  body: JsonOf<NonNullable<Op["requestBody"]>>;
  /** Request headers, lower-case names. */
  headers: Readonly<Record<string, string>>;
  /** The request URL as received (its origin is whatever the caller used). */
  url: URL;
}

/** One of the responses the spec documents for the operation: the status and its typed JSON body. */
export type SandboxReply<Op extends OperationShape> = {
  [Status in keyof Op["responses"] & number]: {
    status: Status;
    body: JsonOf<Op["responses"][Status]>;
    headers?: Record<string, string>;
  };
}[keyof Op["responses"] & number];

/** A reply with its type erased, as the engine handles it. */
export interface AnyReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A thin handler: reads the request, calls the store's domain methods, returns a documented response. */
export type OperationHandler<Op extends OperationShape, Store> = (request: SandboxRequest<Op>, store: Store) => SandboxReply<Op>;

/**
 * One handler per operationId of the spec; a missing one fails `npm run typecheck`. The spec's webhook events
 * (`receive…`, under `webhooks`) are sent by the vendor, not served, so they have none.
 */
export type OperationHandlers<Operations, Store> = {
  [OperationId in keyof Operations as OperationId extends `receive${string}`
    ? never
    : OperationId]: Operations[OperationId] extends OperationShape ? OperationHandler<Operations[OperationId], Store> : never;
};

/** A field the spec's validation rejected: where it is and what is wrong with it. */
export interface RequestProblem {
  /** Which part of the request: `path`, `query`, `header` or `body`. */
  in: "path" | "query" | "header" | "body";
  /** The field, dotted (`companies.0.id`); empty for the whole body. */
  field: string;
  /** The same, as a list of keys and indexes (`["companies", 0, "id"]`). */
  path: Array<string | number>;
  /** The JSON Schema keyword that failed (`required`, `maxItems`, `pattern`, …), or `parse` for a body that is not JSON. */
  rule: string;
  /** The schema's bound for `maxItems`, `minimum`, `maxLength` and the like. */
  limit?: number;
  /** What is wrong, starting with the field: "companyId is required", "limit must be <= 100". */
  message: string;
}

/** What the engine needs to answer in the vendor's own envelope, for requests no handler sees. */
export interface VendorErrors {
  /** The vendor's documented 400 or 422 for a request that breaks the spec (problems: at least one). */
  invalidRequest(problems: RequestProblem[], operationId: string): AnyReply;
  /**
   * A path or method the spec does not have. `url` is the sandbox's own URL of the request, without its query
   * (in process: the URL given to fetch; over HTTP: the server's URL), never the vendor's production host.
   */
  unknownRoute(method: string, url: string): AnyReply;
  /** A body larger than the sandbox takes (`limitBytes`): the vendor's 413. */
  tooLarge(limitBytes: number): AnyReply;
  /** A call without the credentials the operation's security scheme requires. */
  unauthorized(operationId: string): AnyReply;
  /**
   * The body of an injected failure or rate limit with this status, when the spec documents no example of it
   * (else the spec's example is used). Optional: without it, `{ "message": "<status text>" }`.
   */
  failure?(status: number, operationId: string): unknown;
}

/** What a new store gets from `createSandbox`: its clock and the vendor's own options. */
export interface StoreContext<Options = Record<string, unknown>> {
  /** The sandbox's clock in epoch ms (`options.now`, default Date.now, read on each call so fake timers work). */
  now: () => number;
  /** The vendor's own options as given (checked by its `optionChecks`). */
  options: Partial<Options>;
}

/** A call as the vendor's session check sees it: after the credentials check, before validation. */
export interface AuthorizeCall {
  operationId: string;
  /** Request headers, lower-case names. */
  headers: Readonly<Record<string, string>>;
}

/** One check per vendor option: undefined when the value is fine, else what is wrong ("must be a positive integer"). */
export type OptionChecks<Options> = { [Name in keyof Required<Options>]: (value: unknown) => string | undefined };

/** A vendor's sandbox, as written: everything typed from its generated `operations`. */
export interface VendorSandboxDefinition<Operations, Store, Options = Record<never, never>> {
  /** API name, as in redocly.yaml. */
  api: string;
  /** The bundled spec (generated/<api>.openapi.ts). */
  document: { readonly [key: string]: unknown };
  /** A new, empty store. */
  createStore(context: StoreContext<Options>): Store;
  /** Fills a new store with the seed scenario (records of the spec's examples). */
  seed(store: Store): void;
  handlers: OperationHandlers<Operations, Store>;
  errors: VendorErrors;
  /**
   * The vendor's session check (emnify's auth_token, Kare's X-Session-Token): a 401 reply for a call whose
   * token is unknown or expired, else undefined. Runs before validation, as the vendor's gateway does.
   */
  authorize?(call: AuthorizeCall, store: Store): AnyReply | undefined;
  /** The vendor's own options of `createSandbox` (`tokenTtlMs`) and their checks. */
  optionChecks?: OptionChecks<Options>;
  /** The largest request body, in bytes, the vendor takes (default DEFAULT_MAX_BODY_BYTES, limits.ts). */
  maxBodyBytes?: number;
  /** A write and a read that returns it, printed by `npm start` as curl lines. */
  demo: SandboxDemo;
}

/** Two calls that show a sandbox keeps state: a write, then a read whose answer includes it. */
export interface SandboxDemo {
  /**
   * The login or token exchange whose token the write and the read then send (emnify, Kare): `token` is the
   * field of the answer that holds it, `header` where it goes (`Authorization` is sent as `Bearer <token>`).
   */
  session?: { path: string; body: unknown; token: string; header: string };
  write: { method: "POST" | "PUT" | "PATCH"; path: string; body: unknown };
  read: { path: string };
}

/** A vendor's sandbox with its types erased, as the registry holds it; `Options` types its own options. */
export interface VendorSandbox<Options = Record<never, never>> {
  api: string;
  document: { readonly [key: string]: unknown };
  createStore(context: StoreContext): unknown;
  seed(store: unknown): void;
  handlers: Readonly<Record<string, (request: SandboxRequest<OperationShape>, store: unknown) => AnyReply>>;
  errors: VendorErrors;
  authorize?(call: AuthorizeCall, store: unknown): AnyReply | undefined;
  optionChecks?: Readonly<Record<string, (value: unknown) => string | undefined>>;
  maxBodyBytes?: number;
  /** Type-only: the vendor's own options. */
  readonly optionsType?: Options;
  demo: SandboxDemo;
}

/** Checks a vendor's definition against its generated types, then erases them for the registry. */
export function defineVendorSandbox<Operations, Store, Options = Record<never, never>>(
  definition: VendorSandboxDefinition<Operations, Store, Options>,
): VendorSandbox<Options> {
  return definition as unknown as VendorSandbox<Options>;
}

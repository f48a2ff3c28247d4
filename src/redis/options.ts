/** The options of `redisRateLimiter`, checked up front with errors that name the option. */

/**
 * What the limiter uses of an ioredis connection (`new Redis(…)` from ioredis 5 or 6 is one). Written out here
 * rather than imported, so that the types of crm-kit/redis compile without ioredis's own declarations (which
 * need `redis-errors` types that ioredis does not ship, under `skipLibCheck: false`).
 */
export interface IoRedisConnection {
  readonly status: string;
  connect(): Promise<void>;
  quit(): Promise<unknown>;
  disconnect(): void;
  info(section: "server"): Promise<string>;
  defineCommand(name: string, definition: { lua: string; numberOfKeys: number }): void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Where the limiter keeps its count, and the limit it keeps. */
export interface RedisRateLimiterOptions {
  /**
   * A Redis URL (`redis://[:password@]host[:port][/db]`, or `rediss://` for TLS): the limiter opens its own
   * connection and `close()` quits it. Give `url` or `client`, not both.
   */
  url?: string | undefined;
  /** An ioredis connection of your own (a `Redis` instance): the limiter uses it and never quits it. */
  client?: IoRedisConnection | undefined;
  /**
   * The budget's name: every limiter with the same key on the same Redis shares one budget (for example the
   * vendor and the API key: `"folk:sync-bot"`). Every process on one key must use the same limit, windowMs and
   * leaseMs.
   */
  key: string;
  /** Calls allowed in any span of `windowMs` (a positive integer). */
  limit: number;
  /** The window in ms (an integer, at least 1_000). */
  windowMs: number;
  /**
   * Longest time a call may stay in flight and still be counted from its end, in ms (default 120_000): the turn
   * of a process that died mid-call frees itself after this long (plus `windowMs`). Keep it above the clients'
   * `timeoutMs` (60_000 by default).
   */
  leaseMs?: number | undefined;
  /** Most time to wait for the first connection, in ms (default 10_000). */
  connectTimeoutMs?: number | undefined;
}

export interface CheckedOptions {
  url: string | undefined;
  client: IoRedisConnection | undefined;
  key: string;
  limit: number;
  windowMs: number;
  leaseMs: number;
  connectTimeoutMs: number;
}

const DEFAULT_LEASE_MS = 120_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Far above any vendor's window, and below what setTimeout can wait (2^31 - 1 ms). */
const MAX_MS = 86_400_000;

function fail(problem: string): never {
  throw new TypeError(`crm-kit/redis: redisRateLimiter: ${problem}`);
}

function integer(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail(`option "${name}" must be an integer from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** The URL without its password (or user), for messages. Never echoes a URL that does not parse. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.href;
  } catch {
    return "(a URL that does not parse)";
  }
}

export function checkOptions(options: unknown): CheckedOptions {
  if (typeof options !== "object" || options === null) fail(`expected an options object, got ${String(options)}`);
  const given = options as Record<string, unknown>;
  const known = ["url", "client", "key", "limit", "windowMs", "leaseMs", "connectTimeoutMs"];
  const unknown = Object.keys(given).filter((name) => !known.includes(name));
  if (unknown.length > 0) fail(`unknown option ${unknown.map((n) => `"${n}"`).join(", ")}; the options are ${known.join(", ")}`);
  const { url, client } = given;
  if ((url === undefined) === (client === undefined)) fail('give either "url" (a redis:// URL) or "client" (an ioredis connection)');
  if (url !== undefined) {
    if (typeof url !== "string") fail(`option "url" must be a string, got ${typeof url}`);
    let protocol: string;
    try {
      protocol = new URL(url).protocol;
    } catch {
      fail('option "url" is not a URL; expected redis://[:password@]host[:port][/db] or rediss://…');
    }
    if (protocol !== "redis:" && protocol !== "rediss:") fail(`option "url" must start with redis:// or rediss://, got ${protocol}//…`);
  }
  if (client !== undefined && !isIoRedis(client)) {
    fail('option "client" must be an ioredis connection (new Redis(…) from the ioredis package)');
  }
  const { key } = given;
  if (typeof key !== "string" || key.length === 0 || key.length > 512) {
    fail(`option "key" must be a non-empty string of at most 512 characters, got ${describe(key)}`);
  }
  return {
    url: url as string | undefined,
    client: client as IoRedisConnection | undefined,
    key,
    limit: integer("limit", given.limit, 1, 1_000_000),
    windowMs: integer("windowMs", given.windowMs, 1_000, MAX_MS),
    leaseMs: integer("leaseMs", given.leaseMs ?? DEFAULT_LEASE_MS, 1_000, MAX_MS),
    connectTimeoutMs: integer("connectTimeoutMs", given.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, 1, MAX_MS),
  };
}

/** An ioredis connection, recognised by what the limiter uses of it (a node-redis client has none of these). */
function isIoRedis(value: unknown): value is IoRedisConnection {
  const client = value as Partial<Record<"defineCommand" | "connect" | "quit", unknown>> & { status?: unknown };
  return (
    typeof value === "object" &&
    value !== null &&
    typeof client.defineCommand === "function" &&
    typeof client.connect === "function" &&
    typeof client.status === "string"
  );
}

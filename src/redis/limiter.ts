/**
 * `redisRateLimiter`: one budget of `limit` calls in any span of `windowMs`, shared by every process that uses
 * the same key on the same Redis. rate-limiter-flexible's RateLimiterRedis runs the count (its atomic Lua call,
 * readiness check and refusal with `msBeforeNext`); the count itself is a sliding log with leases (scripts.ts).
 * Inside one process, callers take turns first come, first served: the oldest waiter asks Redis for the turns
 * of every waiter, one question at a time.
 */
import type { Redis } from "ioredis";
import type { RateLimiter, RateLimitOutcome, RateLimitPermit, RateLimitTicket } from "../core/rate-limiter.js";
import { RedisRateLimiterError } from "./error.js";
import { ioredis } from "./ioredis.js";
import { type CheckedOptions, checkOptions, type RedisRateLimiterOptions, safeUrl } from "./options.js";
import { defineScript, type Script, type ScriptRunner, scriptRunner } from "./script-runner.js";
import { cancelScript, grantScript, releaseScript, type ScriptFigures } from "./scripts.js";
import { RateLimiterRedis } from "./third-party.js";

/** A RateLimiter whose budget lives in Redis. */
export interface RedisRateLimiter extends RateLimiter {
  /**
   * Stops the limiter: waiting calls fail with RedisRateLimiterError, and the connection is quit when the
   * limiter opened it (`url`); a `client` you gave is left open.
   */
  close(): Promise<void>;
}

interface Waiter {
  readonly signal: AbortSignal | undefined;
  readonly enqueuedAt: number;
  settled: boolean;
  resolve(permit: RateLimitPermit): void;
  reject(reason: unknown): void;
  /** Resolves when the waiter leaves the queue early (aborted, or the limiter closed). */
  readonly gone: Promise<void>;
  leave(): void;
}

type Outcome = { granted: number; msBeforeNext: number };

/** Most turns one process asks for in one round trip (a burst of thousands is served in bites). */
const MAX_TURNS_PER_ASK = 100;

class RedisSlidingLogLimiter implements RedisRateLimiter {
  readonly #options: CheckedOptions;
  readonly #client: Redis;
  readonly #where: string;
  readonly #secrets: string[];
  readonly #counter: InstanceType<typeof RateLimiterRedis>;
  readonly #runner: ScriptRunner;
  /** The key as given to RateLimiterRedis, which prefixes it: `crm-kit:rate-limit:{key}` in Redis. */
  readonly #tagged: string;
  readonly #redisKey: string;
  readonly #release: Script;
  readonly #cancel: Script;
  readonly #queue: Waiter[] = [];
  #pumping = false;
  #closed = false;
  #lastError: unknown;
  /** Connections made ('ready' events), and how many of them the server's identity was checked for. */
  #connections = 0;
  #checkedConnections = -1;
  /** The Redis server's run_id when last checked: a new one means it restarted and may have lost the log. */
  #runId: string | undefined;
  /** No turn is granted before this time (performance.now()): one window after Redis came back with a new run_id. */
  #holdUntil = 0;
  readonly #onReady = () => {
    this.#connections++;
  };
  readonly #onError = (error: unknown) => {
    this.#lastError = error;
  };

  constructor(options: CheckedOptions) {
    this.#options = options;
    const { url, client, connectTimeoutMs } = options;
    this.#secrets = url ? [new URL(url).password, new URL(url).username].filter((s) => s.length > 0).map(decodeURIComponent) : [];
    this.#where = url ? safeUrl(url) : "the given ioredis connection";
    // An own connection fails a command at once while Redis is away (no offline queue, no resend): the limiter
    // waits for the reconnection itself, within connectTimeoutMs, rather than behind ioredis's queue.
    this.#client =
      (client as Redis | undefined) ??
      new ioredis.Redis(url as string, {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: connectTimeoutMs,
      });
    this.#client.on("error", this.#onError);
    this.#client.on("ready", this.#onReady);
    const figures: ScriptFigures = {
      limit: options.limit,
      windowMs: options.windowMs,
      leaseMs: options.leaseMs,
      pollMs: Math.min(250, Math.max(10, Math.ceil(options.windowMs / 100))),
    };
    // A hash tag keeps the key on one node of a Redis Cluster.
    const keyPrefix = "crm-kit:rate-limit";
    this.#tagged = `{${options.key}}`;
    this.#redisKey = `${keyPrefix}:${this.#tagged}`;
    this.#runner = scriptRunner(this.#client);
    this.#counter = new RateLimiterRedis({
      storeClient: this.#runner,
      keyPrefix,
      points: options.limit,
      // The script counts in ms and carries its own figures; the library wants whole seconds (at least 1) to
      // run the script at all, and uses the duration for nothing else here.
      duration: Math.ceil(options.windowMs / 1000),
      customIncrTtlLuaScript: grantScript(figures),
      rejectIfRedisNotReady: true,
    });
    this.#release = defineScript(this.#client, releaseScript(figures));
    this.#cancel = defineScript(this.#client, cancelScript(figures));
  }

  acquire(ticket: RateLimitTicket): Promise<RateLimitPermit> {
    const { signal } = ticket;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#closed) return Promise.reject(this.#error("the limiter is closed", undefined));
    return new Promise<RateLimitPermit>((resolve, reject) => {
      let leave = () => {};
      const gone = new Promise<void>((done) => {
        leave = done;
      });
      const waiter: Waiter = { signal, enqueuedAt: performance.now(), settled: false, resolve, reject, gone, leave };
      const onAbort = () => this.#drop(waiter, signal?.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      // However the wait ends, the caller's signal is left without the limiter's listener.
      waiter.resolve = (permit) => {
        signal?.removeEventListener("abort", onAbort);
        resolve(permit);
      };
      waiter.reject = (reason) => {
        signal?.removeEventListener("abort", onAbort);
        reject(reason);
      };
      this.#queue.push(waiter);
      void this.#pump();
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const waiter of [...this.#queue]) this.#drop(waiter, this.#error("the limiter was closed while the call waited", undefined));
    this.#client.off("error", this.#onError);
    this.#client.off("ready", this.#onReady);
    if (!this.#options.client) {
      if (this.#client.status === "ready") await this.#client.quit().catch(() => this.#client.disconnect());
      else this.#client.disconnect();
    }
  }

  /** Settles a waiter that leaves without a turn. */
  #drop(waiter: Waiter, reason: unknown): void {
    if (waiter.settled) return;
    waiter.settled = true;
    const at = this.#queue.indexOf(waiter);
    if (at !== -1) this.#queue.splice(at, 1);
    waiter.reject(reason);
    waiter.leave();
  }

  /**
   * Serves the queue in order: the oldest waiter asks Redis for turns for itself and those behind it (one round
   * trip for a burst), and waits as told when none is free.
   */
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (let head = this.#queue[0]; head; head = this.#queue[0]) {
        let outcome: Outcome;
        try {
          outcome = await this.#ask(head, Math.min(this.#queue.length, this.#options.limit, MAX_TURNS_PER_ASK));
        } catch (error) {
          // Redis stayed away past connectTimeoutMs: every waiter would wait as long again for the same answer.
          const failed = error instanceof RedisRateLimiterError ? [...this.#queue] : [head];
          for (const waiter of failed) this.#drop(waiter, error);
          continue;
        }
        if (outcome.granted === 0) {
          await sleep(outcome.msBeforeNext, head.gone);
          continue;
        }
        let left = outcome.granted;
        while (left > 0) {
          const waiter = this.#queue.shift();
          if (!waiter) break;
          left--;
          waiter.settled = true;
          waiter.resolve(this.#permit(performance.now() - waiter.enqueuedAt));
        }
        // Turns whose callers gave up while the answer was on its way: no call is sent, so they go back.
        for (; left > 0; left--) await this.#run(this.#cancel).catch(() => undefined);
      }
    } finally {
      this.#pumping = false;
    }
  }

  /** One question to Redis, after waiting (at most connectTimeoutMs, or until the waiter leaves) for it to be reachable. */
  async #ask(head: Waiter, wanted: number): Promise<Outcome> {
    const deadline = performance.now() + this.#options.connectTimeoutMs;
    for (;;) {
      await this.#ready(head, deadline);
      try {
        await this.#checkServer();
        const held = this.#holdUntil - performance.now();
        if (held > 0) return { granted: 0, msBeforeNext: held };
        await this.#counter.consume(this.#tagged, wanted);
        return { granted: this.#runner.granted, msBeforeNext: 0 };
      } catch (refusal) {
        const msBeforeNext = (refusal as { msBeforeNext?: unknown }).msBeforeNext;
        if (typeof msBeforeNext === "number") return { granted: 0, msBeforeNext: Math.max(1, msBeforeNext) };
        // Redis went away between the readiness check and the answer: wait for it again, within the deadline.
        this.#lastError = refusal;
        if (this.#client.status === "ready") throw this.#error("Redis refused the limiter's script", refusal);
      }
    }
  }

  /**
   * After each (re)connection, reads the server's run_id. A server that restarted (a new run_id) may have lost the
   * log (no persistence), while the vendor still counts the calls of the last window: no turn is granted for one
   * window then. Calls in flight across the restart are counted when they end (their release adds an entry).
   */
  async #checkServer(): Promise<void> {
    if (this.#checkedConnections === this.#connections) return;
    const connections = this.#connections;
    let runId: string;
    try {
      runId = /^run_id:(\w+)/m.exec(await this.#client.info("server"))?.[1] ?? "unknown";
    } catch {
      // INFO may be disabled on a managed Redis: then every reconnection is taken for a restart.
      runId = `unknown-${connections}`;
    }
    if (this.#runId !== undefined && runId !== this.#runId) this.#holdUntil = performance.now() + this.#options.windowMs;
    this.#runId = runId;
    this.#checkedConnections = connections;
  }

  /** Resolves once the connection is ready; throws RedisRateLimiterError at the deadline. */
  async #ready(head: Waiter, deadline: number): Promise<void> {
    const client = this.#client;
    if (client.status === "ready") return;
    if (client.status === "wait") client.connect().catch(() => undefined);
    if (client.status === "end") throw this.#error("the Redis connection was closed", this.#lastError);
    const remaining = deadline - performance.now();
    if (remaining <= 0) throw this.#error(`Redis was unreachable for ${this.#options.connectTimeoutMs} ms`, this.#lastError);
    let onReady = () => {};
    const ready = new Promise<void>((resolve) => {
      onReady = resolve;
      client.once("ready", onReady);
    });
    try {
      await sleep(remaining, Promise.race([ready, head.gone]));
    } finally {
      client.off("ready", onReady);
    }
    if (head.settled) throw head.signal?.reason;
    if ((client.status as string) !== "ready")
      throw this.#error(`Redis was unreachable for ${this.#options.connectTimeoutMs} ms`, this.#lastError);
  }

  #permit(waitedMs: number): RateLimitPermit {
    let released = false;
    return {
      waitedMs,
      release: (_outcome: RateLimitOutcome) => {
        if (released) return;
        released = true;
        // Every outcome counts from now, a 429 or a failure without an answer included: the vendor may have
        // counted the call. If Redis is away, the lease stays and frees itself after leaseMs: counted longer,
        // never less.
        if (this.#client.status === "ready") void this.#run(this.#release).catch(() => undefined);
      },
    };
  }

  #run(script: Script): Promise<unknown> {
    return script(this.#redisKey);
  }

  #error(problem: string, cause: unknown): RedisRateLimiterError {
    const detail = cause instanceof Error ? `: ${cause.message}` : "";
    return new RedisRateLimiterError(`${problem}${detail}`, this.#where, cause, this.#secrets);
  }
}

/** Waits `ms`, or less when `until` settles first (the timer is then cleared, so it holds no process open). */
async function sleep(ms: number, until: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), until]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A rate limiter shared across processes through Redis, for any client's `rateLimit` option: at most `limit`
 * calls in any span of `windowMs` among every process that uses the same `key` on the same Redis.
 */
export function redisRateLimiter(options: RedisRateLimiterOptions): RedisRateLimiter {
  return new RedisSlidingLogLimiter(checkOptions(options));
}

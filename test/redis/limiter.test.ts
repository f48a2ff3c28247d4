/**
 * redisRateLimiter against a real redis-server (started per file on a free loopback port, stopped after). The
 * waits asserted are lower bounds (a turn never comes before the window allows it), which hold on any machine;
 * the Redis clock and the test's clock are the same machine's.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningRedis, startRedis } from "../../scripts/lib/redis-server.js";
import { type RateLimitPermit, type RedisRateLimiter, RedisRateLimiterError, redisRateLimiter } from "../../src/redis/index.js";

let redis: RunningRedis;
let inspector: Redis;
const limiters: RedisRateLimiter[] = [];
let keys = 0;

beforeAll(async () => {
  redis = await startRedis();
  inspector = new Redis(redis.url);
}, 30_000);

afterAll(async () => {
  await Promise.all(limiters.map((l) => l.close()));
  inspector?.disconnect();
  await redis?.stop();
}, 30_000);

function limiter(options: { limit: number; windowMs?: number; leaseMs?: number; key?: string; client?: Redis }): RedisRateLimiter {
  const created = redisRateLimiter({
    ...(options.client ? { client: options.client } : { url: redis.url }),
    key: options.key ?? `test-${++keys}`,
    limit: options.limit,
    windowMs: options.windowMs ?? 1_000,
    leaseMs: options.leaseMs,
  });
  limiters.push(created);
  return created;
}

const ticket = { operation: "POST /v1/companies" };
const ok = { status: 200, headers: new Headers() };

/** The entries of a key, as ms until each stops counting (by the Redis server's clock). */
async function entries(key: string): Promise<number[]> {
  const [[seconds, micros], scores] = await Promise.all([
    inspector.time(),
    inspector.zrange(`crm-kit:rate-limit:{${key}}`, 0, -1, "WITHSCORES"),
  ]);
  const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  return scores.filter((_, i) => i % 2 === 1).map((score) => Number(score) - now);
}

/** Whether a promise has settled, checked after the pending timers and I/O of this moment ran. */
async function settled(promise: Promise<unknown>, afterMs = 100): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  return done;
}

describe("redisRateLimiter", () => {
  it("grants `limit` turns, then holds the next until windowMs after a release: a call counts from its grant to its end + windowMs", async () => {
    const key = `grant-${++keys}`;
    const l = limiter({ key, limit: 2, windowMs: 1_000, leaseMs: 30_000 });
    const first = await l.acquire(ticket);
    await l.acquire(ticket);
    // Both in flight: each a lease counting until its lease runs out, plus the window.
    expect((await entries(key)).every((ms) => ms > 25_000 && ms <= 31_000)).toBe(true);

    const third = l.acquire(ticket);
    // Every call in the window is still in flight: the third waits however long that lasts.
    expect(await settled(third, 300)).toBe(false);

    const releasedAt = performance.now();
    first.release({ status: 429, headers: new Headers({ "retry-after": "1" }) });
    const permit = await third;
    // A 429 counts like any answer: the vendor may have counted the call.
    expect(performance.now() - releasedAt).toBeGreaterThanOrEqual(990);
    expect(permit.waitedMs).toBeGreaterThanOrEqual(1_250);
    const left = (await entries(key)).sort((a, b) => a - b);
    expect(left).toHaveLength(2);
    expect(left.every((ms) => ms > 25_000)).toBe(true);
  }, 20_000);

  it("serves the callers of one process first come, first served; an aborted one leaves without a turn and close() ends the rest", async () => {
    const key = `fifo-${++keys}`;
    const l = limiter({ key, limit: 3, windowMs: 1_000 });
    const held = await Promise.all([l.acquire(ticket), l.acquire(ticket), l.acquire(ticket)]);
    const order: string[] = [];
    const controllers = new Map<string, AbortController>();
    const waiting = ["A", "B", "C", "D", "E"].map((name) => {
      const controller = new AbortController();
      controllers.set(name, controller);
      return l.acquire({ ...ticket, signal: controller.signal }).then((permit) => {
        order.push(name);
        return permit;
      });
    });
    for (const permit of held) permit.release(ok);
    await Promise.all(waiting.slice(0, 3));
    expect(order).toEqual(["A", "B", "C"]);
    // The released three stopped counting a window after their release, when A, B and C got their turns.
    expect(await entries(key)).toHaveLength(3);

    const reason = new Error("the sync was cancelled");
    controllers.get("D")?.abort(reason);
    await expect(waiting[3]).rejects.toBe(reason);
    const lastOne = waiting[4]?.catch((error: unknown) => error);
    await l.close();
    const closedOut = await lastOne;
    expect(closedOut).toBeInstanceOf(RedisRateLimiterError);
    expect((closedOut as Error).message).toMatch(/the limiter was closed while the call waited/);
    // Neither D nor E took a turn.
    expect(await entries(key)).toHaveLength(3);
  }, 20_000);

  it("rejects at once with the signal's reason when the signal is already aborted", async () => {
    const key = `aborted-${++keys}`;
    const l = limiter({ key, limit: 1 });
    const reason = new DOMException("stop", "AbortError");
    await expect(l.acquire({ ...ticket, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(await entries(key)).toEqual([]);
  });

  it("hands back, or on, a turn granted to a caller who gave up while the answer was on its way", async () => {
    const key = `gave-up-${++keys}`;
    const l = limiter({ key, limit: 5, windowMs: 60_000 });
    await l.acquire(ticket);
    const controller = new AbortController();
    const quitter = l.acquire({ ...ticket, signal: controller.signal });
    // Aborted at once: the question for its turn is already under way.
    const reason = new Error("gave up");
    controller.abort(reason);
    await expect(quitter).rejects.toBe(reason);
    // Its turn goes back once granted (or, if a caller is waiting when it arrives, to that caller): never sent,
    // never lost. The pause lets the grant arrive first on most machines; either order ends with two entries.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await l.acquire(ticket);
    expect(await entries(key)).toHaveLength(2);
  });

  it("frees the turn of a process that died mid-call once its lease ran out (leaseMs + windowMs after the grant)", async () => {
    const key = `crash-${++keys}`;
    const dying = limiter({ key, limit: 1, windowMs: 1_000, leaseMs: 1_000 });
    // Taken before the grant, so that a slow answer cannot shorten the measured wait.
    const grantedAt = performance.now();
    await dying.acquire(ticket);
    await dying.close();
    const survivor = limiter({ key, limit: 1, windowMs: 1_000, leaseMs: 1_000 });
    await survivor.acquire(ticket);
    expect(performance.now() - grantedAt).toBeGreaterThanOrEqual(1_990);
  }, 20_000);

  it("counts a call from its release when it outlived its lease, beside the expired lease", async () => {
    const key = `late-${++keys}`;
    const l = limiter({ key, limit: 5, windowMs: 1_000, leaseMs: 1_000 });
    const slow = await l.acquire(ticket);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    slow.release(ok);
    await expect.poll(async () => (await entries(key)).length).toBe(2);
    const [expired, added] = (await entries(key)).sort((a, b) => a - b);
    // The lease ran out 1,200 ms or more ago and counts at most 800 ms more; the call counts a window from its end.
    expect(expired).toBeLessThanOrEqual(800);
    expect(added).toBeGreaterThan(expired as number);
    expect(added).toBeLessThanOrEqual(1_000);
  }, 20_000);

  it("keeps the figures of each limiter on a shared connection, and leaves that connection open on close()", async () => {
    const client = new Redis(redis.url);
    try {
      const one = limiter({ client, limit: 1, windowMs: 60_000 });
      const three = limiter({ client, limit: 3, windowMs: 60_000 });
      await Promise.all([three.acquire(ticket), three.acquire(ticket), three.acquire(ticket), one.acquire(ticket)]);
      expect(await settled(one.acquire(ticket))).toBe(false);
      expect(await settled(three.acquire(ticket))).toBe(false);
      await one.close();
      await three.close();
      expect(client.status).toBe("ready");
    } finally {
      client.disconnect();
    }
  }, 20_000);
});

describe("redisRateLimiter when Redis goes away", () => {
  it("fails the waiting calls with an error that names Redis and the cause, sends none, and works again once Redis is back", async () => {
    const own = await startRedis();
    const l = redisRateLimiter({ url: own.url, key: "outage", limit: 1, windowMs: 1_000, connectTimeoutMs: 500 });
    try {
      (await l.acquire(ticket)).release(ok);
      const waiting = [l.acquire(ticket), l.acquire(ticket)];
      await own.stop();
      for (const call of waiting) {
        const error = await call.catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RedisRateLimiterError);
        expect((error as Error).message).toMatch(
          /^crm-kit\/redis: Redis was unreachable for 500 ms: .*ECONNREFUSED.*\(Redis: redis:\/\/127\.0\.0\.1:\d+\/?\); the call was not sent$/,
        );
      }
      const back = await startRedis(own.port);
      try {
        // ioredis reconnects on its own backoff (up to 2 s apart): a call may still find Redis away meanwhile.
        let permit: RateLimitPermit | undefined;
        for (let tries = 0; !permit && tries < 20; tries++) permit = await l.acquire(ticket).catch(() => undefined);
        if (!permit) throw new Error("the limiter did not reconnect to the restarted Redis");
        // A restarted Redis lost the log (no persistence) while the vendor still counts the last window: no turn
        // is granted for one window.
        expect(permit.waitedMs).toBeGreaterThanOrEqual(990);
        permit.release(ok);
      } finally {
        await back.stop();
      }
    } finally {
      await l.close();
      await own.stop();
    }
  }, 30_000);
});

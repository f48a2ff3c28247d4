import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/prism.js";
import { createFolkClient } from "../../src/folk/index.js";
import { RedisRateLimiterError, redisRateLimiter } from "../../src/redis/index.js";

const valid = { url: "redis://127.0.0.1:6379", key: "folk:sync", limit: 200, windowMs: 60_000 };

describe("redisRateLimiter options", () => {
  it.each([
    [{ ...valid, limit: 0 }, /option "limit" must be an integer from 1 to 1000000, got 0/],
    [{ ...valid, limit: 1.5 }, /option "limit"/],
    [{ ...valid, windowMs: 500 }, /option "windowMs" must be an integer from 1000 to 86400000, got 500/],
    [{ ...valid, windowMs: "60000" }, /option "windowMs" .* got "60000"/],
    [{ ...valid, leaseMs: -1 }, /option "leaseMs"/],
    [{ ...valid, connectTimeoutMs: 0 }, /option "connectTimeoutMs"/],
    [{ ...valid, key: "" }, /option "key" must be a non-empty string/],
    [{ ...valid, url: "http://127.0.0.1:6379" }, /option "url" must start with redis:\/\/ or rediss:\/\/, got http:/],
    [{ ...valid, url: "127.0.0.1:6379" }, /option "url"/],
    [{ key: "k", limit: 1, windowMs: 1_000 }, /give either "url" .* or "client"/],
    [{ ...valid, client: {} }, /give either "url"/],
    [{ key: "k", limit: 1, windowMs: 1_000, client: { get: () => undefined } }, /option "client" must be an ioredis connection/],
    [{ ...valid, limt: 3 }, /unknown option "limt"/],
  ])("refuses %o, naming the option", (options, message) => {
    expect(() => redisRateLimiter(options as never)).toThrow(message);
  });

  it("never repeats the URL's password, whether the URL is refused or Redis is unreachable", async () => {
    let refused: unknown;
    try {
      redisRateLimiter({ ...valid, url: "redis://:s3cret-pw@host:not-a-port" });
    } catch (error) {
      refused = error;
    }
    expect(String(refused)).toMatch(/option "url" is not a URL/);
    expect(String(refused)).not.toContain("s3cret-pw");

    const port = await freePort();
    const limiter = redisRateLimiter({ ...valid, url: `redis://user:s3cret-pw@127.0.0.1:${port}`, connectTimeoutMs: 300 });
    try {
      const error = await limiter.acquire({ operation: "GET /v1/people" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RedisRateLimiterError);
      expect((error as Error).message).toMatch(
        new RegExp(`Redis was unreachable for 300 ms.*redis://127\\.0\\.0\\.1:${port}.*the call was not sent`),
      );
      const everything = `${(error as Error).message} ${JSON.stringify(error)} ${String((error as Error).cause)} ${(error as Error).stack}`;
      expect(everything).not.toContain("s3cret-pw");
    } finally {
      await limiter.close();
    }
  });

  it("as a client's rateLimit, fails the call with RedisRateLimiterError and sends nothing when Redis cannot be reached", async () => {
    const port = await freePort();
    const limiter = redisRateLimiter({ ...valid, url: `redis://127.0.0.1:${port}`, connectTimeoutMs: 300 });
    const sent: string[] = [];
    const folk = createFolkClient({
      apiKey: "folk_key",
      rateLimit: limiter,
      fetch: async (request) => {
        sent.push(request.url);
        return Response.json({ data: { items: [] } });
      },
    });
    try {
      await expect(folk.GET("/v1/groups")).rejects.toThrow(RedisRateLimiterError);
      expect(sent).toEqual([]);
    } finally {
      await limiter.close();
    }
  });

  it("accepts an ioredis connection without connecting it until the first call", async () => {
    const client = new Redis({ lazyConnect: true });
    const limiter = redisRateLimiter({ client, key: "k", limit: 1, windowMs: 1_000 });
    expect(client.status).toBe("wait");
    await limiter.close();
    expect(client.status).toBe("wait");
  });
});

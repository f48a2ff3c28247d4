// rate-limiter-flexible types its package index only; this is the one module of it that crm-kit/redis loads.
declare module "rate-limiter-flexible/lib/RateLimiterRedis.js" {
  import type { RateLimiterRedis } from "rate-limiter-flexible";

  const RateLimiterRedisClass: typeof RateLimiterRedis;
  export default RateLimiterRedisClass;
}

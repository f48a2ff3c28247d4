// `crm-kit/redis`: a rate limiter whose budget several processes share through Redis (ioredis is an optional
// peer dependency: npm install ioredis).

export type { RateLimiter, RateLimitOutcome, RateLimitPermit, RateLimitTicket } from "../core/rate-limiter.js";
export { RedisRateLimiterError } from "./error.js";
export { type RedisRateLimiter, redisRateLimiter } from "./limiter.js";
export type { IoRedisConnection, RedisRateLimiterOptions } from "./options.js";

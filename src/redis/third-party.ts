/**
 * The limiter's only bundled third-party code: rate-limiter-flexible's RateLimiterRedis (and the few modules it
 * requires), not the package's index, which loads every store it supports. `npm run build` bundles this module
 * into one file of the package (scripts/build.ts), so `crm-kit/redis` needs only its Redis client (ioredis, an
 * optional peer) installed, and a client-only install of crm-kit does not grow.
 */
export { default as RateLimiterRedis } from "rate-limiter-flexible/lib/RateLimiterRedis.js";

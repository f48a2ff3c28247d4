/**
 * The Lua scripts of the shared limiter. Each limiter embeds its own figures in the script text: the scripts
 * are registered per text (ioredis `defineCommand` under a name derived from it), so limiters with different
 * figures on one connection never run each other's script.
 *
 * One sorted set per key holds one entry per call that still counts. An entry's score is the time (the Redis
 * server's clock, in ms, so that the processes' clocks do not matter) at which the call stops counting:
 * - granted: now + leaseMs + windowMs. The call is in flight; if its process dies without releasing it, it is
 *   counted as if it ended when its lease ran out.
 * - released: the release time + windowMs. The vendor has counted the call by the time its answer arrived, so
 *   it stops counting a window later whatever window the vendor counts in.
 * A released entry always ends at or before now + windowMs and a live lease after it, so the score alone tells
 * them apart and entries need no owner: a release ends the oldest live lease, whichever process took it. The
 * set of end times is then the same as if each call had ended its own lease, or later (an older lease ends
 * first, the younger one left running expires later), never earlier.
 */

export interface ScriptFigures {
  limit: number;
  windowMs: number;
  leaseMs: number;
  /** How long a refused caller waits before asking again when every call in the window is still in flight. */
  pollMs: number;
}

/** The server's time in ms. */
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** Adds an entry ending at `ends`, under a member unique to this moment and `tag` (the suffix settles a clash). */
const ADD = `local function add(ends, tag)
  local n = 0
  while redis.call('ZADD', KEYS[1], 'NX', ends, t[1] .. '.' .. t[2] .. '.' .. tag .. '.' .. n) == 0 do n = n + 1 end
  if redis.call('PTTL', KEYS[1]) < ends - now then redis.call('PEXPIRE', KEYS[1], ends - now) end
end`;

/**
 * Takes up to ARGV[1] turns (the callers waiting in one process), as many as fewer than `limit` entries leave
 * room for. Returns {count, msBeforeNext, granted}: rate-limiter-flexible's RateLimiterRedis reads the first two
 * as its `customIncrTtlLuaScript` result (a count above `limit` is a refusal), the limiter the third. When no
 * turn is free: limit + 1, and the wait until the oldest entry ends (at least 1 ms), or `pollMs` when that entry
 * is a live lease (its call may end any moment, but when is unknown).
 */
export function grantScript({ limit, windowMs, leaseMs, pollMs }: ScriptFigures): string {
  return `${NOW}
${ADD}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. now)
local count = redis.call('ZCARD', KEYS[1])
local granted = math.min(tonumber(ARGV[1]), ${limit} - count)
if granted > 0 then
  for i = 1, granted do add(now + ${leaseMs + windowMs}, i) end
  return {count + granted, ${windowMs}, granted}
end
local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
if oldest > now + ${windowMs} then return {${limit + 1}, ${pollMs}, 0} end
return {${limit + 1}, oldest - now + 1, 0}`;
}

/**
 * Ends a call: the oldest live lease now counts until now + windowMs. When no lease is live (this call outlived
 * its lease), a new entry counts the call from now, beside the expired lease: counted twice for a while, never
 * too little. Returns 1 when a lease was ended, 0 when an entry was added.
 */
export function releaseScript({ windowMs }: ScriptFigures): string {
  return `${NOW}
${ADD}
local lease = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now + ${windowMs}), '+inf', 'LIMIT', 0, 1)[1]
if lease then
  redis.call('ZADD', KEYS[1], 'XX', now + ${windowMs}, lease)
  return 1
end
add(now + ${windowMs}, 'r')
return 0`;
}

/**
 * Hands back a turn that was granted to a caller who gave up meanwhile (its signal aborted while the grant
 * was on its way): the oldest live lease is removed, as no call was sent. Returns 1 when one was removed.
 */
export function cancelScript({ windowMs }: ScriptFigures): string {
  return `${NOW}
local lease = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now + ${windowMs}), '+inf', 'LIMIT', 0, 1)[1]
if lease then return redis.call('ZREM', KEYS[1], lease) end
return 0`;
}

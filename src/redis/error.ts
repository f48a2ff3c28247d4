import { CrmKitError, nameErrorClasses } from "../core/errors.js";
import { createRedactor, sanitizeCause } from "../core/redact.js";

/**
 * The shared limiter could not reach Redis (it went away mid-sync, or never answered) for longer than its
 * `connectTimeoutMs`, or the limiter was closed. The call it was asked for was not sent: the limiter never lets
 * a call go uncounted.
 */
export class RedisRateLimiterError extends CrmKitError {
  /** The Redis server, without a password (`redis://host:port/`, or "the given ioredis connection"). */
  declare readonly redis: string;

  constructor(problem: string, redis: string, cause: unknown, secrets: readonly string[]) {
    const redactor = createRedactor(secrets);
    super(redactor.text(`crm-kit/redis: ${problem} (Redis: ${redis}); the call was not sent`), {
      cause: sanitizeCause(cause, redactor),
    });
    this.redis = redis;
  }
}

nameErrorClasses({ RedisRateLimiterError });

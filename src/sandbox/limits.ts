/**
 * What one request may hold, so that whatever a sandbox stores it can serve again: a bounded body, bounded
 * nesting, no keys that name an object's prototype machinery. The vendors document none of these for their
 * APIs except Kare's gateway; each value is stated in the sandbox README, marked assumed where it is ours.
 */

/** Bytes of a request body; a larger one gets the vendor's 413 and is not read further. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024; // assumed: no vendor documents one (express's json() is 100 kB, Featurebase's and folk's bodies are small)

/**
 * Kare runs behind AWS API Gateway, whose REST APIs take at most 10 MB of payload
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html).
 */
export const API_GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Levels of nesting in a JSON body (an object or array inside another counts one more). Deep enough for every
 * schema of the four specs (folk's filters go 4 deep), shallow enough that serving a stored value never
 * exhausts the stack [assumed].
 */
export const MAX_JSON_DEPTH = 32;

/** Keys refused in bodies and query parameters: stored or read back, they would reach an object's prototype. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

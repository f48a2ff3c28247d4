/**
 * Redocly plugin: every operation a client calls says whether a replay of it is safe, so that the runtime can retry
 * it after a 5xx or a timeout (specs/README.md, "Retry safety"). The decision is the `x-crm-kit-idempotent`
 * extension, `{ value: boolean, because: "<the vendor's words, with the page>" }`; `npm run generate` carries the
 * `true` ones into generated/<api>.retry.ts. Registered in redocly.yaml; its failing fixture is
 * test/lint/fixtures/retry-safety/. Plain JavaScript because Redocly loads plugins with a bare `import()`.
 */

const EXTENSION = "x-crm-kit-idempotent";

/** POST and PATCH are not idempotent by HTTP's definition: only the vendor's words can make a replay safe. */
const MUST_DECIDE = new Set(["post", "patch"]);

/**
 * RFC 9110 §9.2.2 makes these idempotent and the runtime always retries them; a `false` on one would promise
 * something the runtime does not do.
 */
const IDEMPOTENT_BY_HTTP = new Set(["get", "head", "put", "delete", "options", "trace"]);

/** Reads the decision of one operation; returns the problem with it, or undefined when it is well formed. */
function problemOf(method, decision) {
  if (decision === undefined) {
    return MUST_DECIDE.has(method)
      ? `has no ${EXTENSION}: add \`${EXTENSION}: { value: true | false, because: "<the vendor's words, quoted, with the page's URL>" }\` (specs/README.md, "Retry safety").`
      : undefined;
  }
  if (typeof decision !== "object" || decision === null || Array.isArray(decision)) {
    return `${EXTENSION} must be an object { value, because }, not ${JSON.stringify(decision)}.`;
  }
  const unknown = Object.keys(decision).filter((key) => key !== "value" && key !== "because");
  if (unknown.length > 0) return `${EXTENSION} has unknown field(s) ${unknown.join(", ")}: only value and because are read.`;
  if (typeof decision.value !== "boolean") return `${EXTENSION}.value must be true or false, not ${JSON.stringify(decision.value)}.`;
  if (typeof decision.because !== "string" || decision.because.trim() === "") {
    return `${EXTENSION}.because must quote the vendor's words the decision rests on, with the page's URL.`;
  }
  if (decision.value === false && IDEMPOTENT_BY_HTTP.has(method)) {
    return `${EXTENSION}.value is false on a ${method.toUpperCase()}, which HTTP defines as idempotent and the runtime always retries; drop the extension or model the operation's method as the vendor documents it.`;
  }
  return undefined;
}

/**
 * Every operation under `paths` is checked; the events of `webhooks` are not, since the vendor sends them and no
 * client replays them.
 */
function IdempotencyDecided() {
  return {
    Paths: {
      PathItem: {
        Operation(operation, { report, location, key }) {
          const method = String(key).toLowerCase();
          const message = problemOf(method, operation[EXTENSION]);
          if (message === undefined) return;
          const name = operation.operationId ?? method.toUpperCase();
          report({
            message: `${name}: ${message}`,
            location: operation[EXTENSION] === undefined ? location.key() : location.child(EXTENSION),
          });
        },
      },
    },
  };
}

export default function retrySafetyPlugin() {
  return {
    id: "retry-safety",
    rules: {
      oas3: {
        "idempotency-decided": IdempotencyDecided,
      },
    },
  };
}

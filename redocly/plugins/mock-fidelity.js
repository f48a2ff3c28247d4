/**
 * Redocly plugin: lint rules for valid OpenAPI 3.1 that Prism (our mock server and live proxy) serves
 * or validates wrongly, so a spec that lints clean is mocked faithfully. Registered in redocly.yaml;
 * each rule has a failing fixture in test/lint/fixtures/. Plain JavaScript because Redocly loads
 * plugins with a bare `import()` (Node 20 cannot import .ts).
 */

const DIALECT = "https://json-schema.org/draft/2020-12/schema";

/** Media types whose body is bytes, not JSON or text Prism could generate or validate. */
const BINARY_MEDIA_TYPE = /^(application\/(octet-stream|pdf|zip|gzip|x-tar)|image\/|audio\/|video\/|font\/)/i;

/** `jsonSchemaDialect` must name JSON Schema 2020-12: without it Prism's validator guesses the draft. */
function JsonSchemaDialect() {
  return {
    Root(root, { report, location }) {
      if (root.jsonSchemaDialect === DIALECT) return;
      report({
        message:
          root.jsonSchemaDialect === undefined
            ? `jsonSchemaDialect is missing: add \`jsonSchemaDialect: ${DIALECT}\` next to \`openapi\`, or Prism may validate with another JSON Schema draft.`
            : `jsonSchemaDialect is ${JSON.stringify(root.jsonSchemaDialect)}: use ${DIALECT}, the dialect Prism validates with.`,
        location: root.jsonSchemaDialect === undefined ? location : location.child("jsonSchemaDialect"),
      });
    },
  };
}

/** Prism's static mock takes the first entry of a type array, so `["null", X]` always mocks `null`. */
function NullTypeLast() {
  return {
    Schema(schema, { report, location }) {
      if (!Array.isArray(schema.type) || schema.type.length < 2 || schema.type[0] !== "null") return;
      const rest = schema.type.filter((t) => t !== "null");
      report({
        message: `"null" is listed first in type ${JSON.stringify(schema.type)}: Prism would mock null. Write type: ${JSON.stringify([...rest, "null"])}.`,
        location: location.child("type"),
      });
    },
  };
}

/** Prism ignores `discriminator`, so it neither mocks nor validates the mapping it describes. */
function NoDiscriminator() {
  return {
    Schema(schema, { report, location }) {
      if (schema.discriminator === undefined) return;
      report({
        message: "discriminator is ignored by Prism: model the variants with oneOf and a `const` property in each instead.",
        location: location.child("discriminator").key(),
      });
    },
  };
}

/**
 * A $ref that leads back to a schema it is inside of: Prism's mock generator recurses on it without
 * bound. The walker visits each node once, so a cycle cannot be seen while walking: every $ref is
 * recorded (where it sits, where it points) and the graph "target A holds a $ref to target B" is
 * searched for cycles when the document is done.
 */
function NoCircularRef() {
  /** @type {Array<{ file: string, pointer: string, to: string, location: any }>} */
  const refs = [];
  /** @type {Map<string, { file: string, pointer: string }>} */
  const targets = new Map();
  return {
    ref(_node, { location }, resolved) {
      if (!resolved?.location || resolved.node === undefined) return;
      const to = resolved.location.absolutePointer;
      targets.set(to, { file: resolved.location.source.absoluteRef, pointer: resolved.location.pointer });
      refs.push({ file: location.source.absoluteRef, pointer: location.pointer, to, location: location.child("$ref") });
    },
    Root: {
      leave(_root, { report }) {
        const inside = (target, ref) => ref.file === target.file && `${ref.pointer}/`.startsWith(target.pointer.replace(/\/?$/, "/"));
        /** @type {Map<string, "open" | "done">} */
        const state = new Map();
        const stack = [];
        const visit = (key) => {
          state.set(key, "open");
          stack.push(key);
          const target = targets.get(key);
          for (const ref of refs.filter((r) => inside(target, r))) {
            if (state.get(ref.to) === "open") {
              const cycle = [...stack.slice(stack.indexOf(ref.to)), ref.to].map(shortName).join(" -> ");
              report({
                message: `circular $ref: ${cycle}. Prism cannot mock a recursive schema; cut the cycle (e.g. refer to the parent by id).`,
                location: ref.location,
              });
            } else if (!state.has(ref.to)) {
              visit(ref.to);
            }
          }
          stack.pop();
          state.set(key, "done");
        };
        for (const key of targets.keys()) if (!state.has(key)) visit(key);
      },
    },
  };
}

/** Prism cannot generate or validate a byte body; a binary response makes the mock lie. */
function NoBinaryResponse() {
  return {
    Response(response, { report, location, resolve }) {
      for (const [mediaType, media] of Object.entries(response.content ?? {})) {
        const schema = media?.schema ? resolve(media.schema).node : undefined;
        const binarySchema =
          schema && (schema.format === "binary" || schema.contentMediaType !== undefined || schema.contentEncoding !== undefined);
        if (!BINARY_MEDIA_TYPE.test(mediaType) && !binarySchema) continue;
        report({
          message: `binary response body (${mediaType}${binarySchema ? ", binary schema" : ""}): Prism cannot mock or validate it. Leave the body out of the spec and document it in the description.`,
          location: location.child(["content", mediaType]).key(),
        });
      }
    },
  };
}

/** A success response without an example is mocked from the schema alone, with placeholder values. */
function SuccessResponseExample() {
  return {
    Operation: {
      Response(response, { report, location, key }, parents) {
        if (!/^2\d\d$/.test(String(key))) return;
        for (const [mediaType, media] of Object.entries(response.content ?? {})) {
          if (media?.example !== undefined || Object.keys(media?.examples ?? {}).length > 0) continue;
          const operationId = parents?.Operation?.operationId ?? "this operation";
          report({
            message: `${operationId}: the ${key} response (${mediaType}) has no example; add \`example\` (or \`examples\`) so Prism serves a realistic body.`,
            location: location.child(["content", mediaType]).key(),
          });
        }
      },
    },
  };
}

function shortName(absolutePointer) {
  const [file = "", pointer] = absolutePointer.split("#");
  const name = file.split("/").slice(-2).join("/");
  return pointer ? `${name}#${pointer}` : name;
}

export default function mockFidelityPlugin() {
  return {
    id: "mock-fidelity",
    rules: {
      oas3: {
        "json-schema-dialect": JsonSchemaDialect,
        "null-type-last": NullTypeLast,
        "no-discriminator": NoDiscriminator,
        "no-circular-ref": NoCircularRef,
        "no-binary-response": NoBinaryResponse,
        "success-response-example": SuccessResponseExample,
      },
    },
  };
}

/** Reads the examples of a bundled spec: the seed scenarios are made of them, so they follow the spec. */

type Node = { readonly [key: string]: unknown };

/**
 * Every example value of an operation's JSON response with that status, in the order the spec lists
 * them (`example`, then each of `examples`). Throws, naming the operation, when there is none.
 */
export function responseExamples(document: Node, operationId: string, status: number): unknown[] {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Node>>;
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      if (typeof operation !== "object" || operation === null || operation.operationId !== operationId) continue;
      const response = (operation.responses as Record<string, Node> | undefined)?.[String(status)];
      const media = (response?.content as Record<string, Node> | undefined)?.["application/json"];
      const examples = media
        ? [
            ...("example" in media ? [media.example] : []),
            ...Object.values((media.examples ?? {}) as Record<string, { value?: unknown }>).map((e) => e.value),
          ]
        : [];
      if (examples.length > 0) return examples.map((example) => structuredClone(example));
    }
  }
  throw new Error(`sandbox seed: the spec has no example of ${operationId}'s ${status} response`);
}

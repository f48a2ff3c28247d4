/** The core must run in a browser bundle too, so its runtime code may use web-platform APIs only. */
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const coreDir = fileURLToPath(new URL("../../src/core/", import.meta.url));
const NODE_GLOBALS = new Set(["Buffer", "process", "require", "module", "__dirname", "__filename", "global", "setImmediate"]);
const isNodeModule = (specifier: string): boolean => specifier.startsWith("node:") || builtinModules.includes(specifier);

/** Node-only globals and modules the file refers to (identifiers in code, not words in strings or comments). */
function nodeOnlyUses(name: string): string[] {
  const source = ts.createSourceFile(name, readFileSync(`${coreDir}${name}`, "utf8"), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && NODE_GLOBALS.has(node.text)) {
      // A property name (`options.module`) or a declaration of its own is not the Node global.
      const parent = node.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node);
      if (!isPropertyName) found.push(`${node.text} (line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1})`);
    }
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      if (isNodeModule(node.moduleSpecifier.text)) found.push(`import "${node.moduleSpecifier.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("src/core", () => {
  it.each(readdirSync(coreDir).filter((name) => name.endsWith(".ts")))("%s uses no Node-only global or module", (name) => {
    expect(nodeOnlyUses(name)).toEqual([]);
  });
});

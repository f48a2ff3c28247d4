import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** True when the module with this `import.meta.url` is the script node was started with (paths with spaces included). */
export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && moduleUrl === pathToFileURL(resolve(script)).href;
}

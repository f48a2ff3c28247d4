/** A throw-away app outside the repository that installs the packed crm-kit, as a user's app would. */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export interface ScratchApp {
  dir: string;
  /** Runs a command in the app; resolves to its output, rejects with both streams in the message. */
  run(command: string, args: string[], options?: { env?: NodeJS.ProcessEnv }): Promise<{ stdout: string; stderr: string }>;
  write(file: string, content: string): void;
  remove(): void;
}

/** The compiler options the README promises to support: the strictest a user is likely to turn on. */
export const strictCompilerOptions = {
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: false,
  lib: ["ES2023", "DOM", "DOM.Iterable"],
};

export function createScratchApp(manifest: Record<string, unknown>): ScratchApp {
  const dir = join(mkdtempSync(join(tmpdir(), "crm-kit-app-")), "app");
  mkdirSync(dir);
  const write = (file: string, content: string) => {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), content);
  };
  write("package.json", JSON.stringify({ name: "scratch-app", version: "1.0.0", private: true, ...manifest }, null, 2));
  return {
    dir,
    write,
    async run(command, args, options = {}) {
      try {
        return await execFileAsync(command, args, {
          cwd: dir,
          encoding: "utf8",
          env: options.env ?? process.env,
          maxBuffer: 64 * 1024 * 1024,
        });
      } catch (error) {
        const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
        throw new Error(`${command} ${args.join(" ")} failed in ${dir}:\n${stdout}\n${stderr}`);
      }
    },
    remove: () => rmSync(join(dir, ".."), { recursive: true, force: true }),
  };
}

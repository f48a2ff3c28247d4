/** How the limiter's Lua scripts are registered on an ioredis connection and handed to RateLimiterRedis. */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

export type Script = (...args: string[]) => Promise<unknown>;

/** Registers a script on the connection under a name derived from its text, and returns a function running it. */
export function defineScript(client: Redis, lua: string): Script {
  const commands = client as unknown as Record<string, Script | undefined>;
  const name = `crmKit${createHash("sha1").update(lua).digest("hex").slice(0, 16)}`;
  if (typeof commands[name] !== "function") client.defineCommand(name, { numberOfKeys: 1, lua });
  const command = commands[name];
  if (!command) throw new Error(`crm-kit/redis: ioredis did not register the script ${name}`);
  return command.bind(client);
}

export interface ScriptRunner {
  readonly status: string;
  /** Turns granted by the last grant script's answer (its third value, which RateLimiterRedis does not read). */
  granted: number;
  defineCommand(name: string, definition: { lua: string }): void;
  rlflxIncr(args: string[]): Promise<unknown>;
}

/**
 * What RateLimiterRedis is given as its store client: the connection's readiness, and `defineCommand`, which it
 * calls once with the script to run as `rlflxIncr`. The script is registered on the connection under a name of
 * its own, so that limiters with other figures sharing the connection keep their own script. A limiter asks one
 * question at a time, so `granted` belongs to the question just answered.
 */
export function scriptRunner(client: Redis): ScriptRunner {
  let script: Script | undefined;
  const runner: ScriptRunner = {
    get status() {
      return client.status;
    },
    granted: 0,
    defineCommand(_name, { lua }) {
      script = defineScript(client, lua);
    },
    async rlflxIncr(args) {
      if (!script) throw new Error("crm-kit/redis: the limiter's script is not registered");
      const reply = (await script(...args)) as [number, number, number];
      runner.granted = reply[2];
      return reply;
    },
  };
  return runner;
}

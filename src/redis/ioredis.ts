/**
 * ioredis, the optional peer dependency of `crm-kit/redis`, loaded when the entry is imported. It is required
 * rather than imported so that a missing package gives an error that says what to install (and so that the
 * entry also loads through require()); a client-only install of crm-kit never brings it.
 */
import { createRequire } from "node:module";
import type * as IoRedis from "ioredis";

const require = createRequire(import.meta.url);

function load(): typeof IoRedis {
  try {
    return require("ioredis") as typeof IoRedis;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "MODULE_NOT_FOUND" && String((error as Error).message).includes("'ioredis'")) {
      throw new Error("crm-kit/redis needs the Redis client ioredis, an optional peer dependency: npm install ioredis", {
        cause: error,
      });
    }
    throw error;
  }
}

export const ioredis = load();

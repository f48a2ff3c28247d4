/**
 * The sandbox's only third-party code: request routing and validation (openapi-backend, with Ajv and its
 * formats). `npm run build` bundles this module, with everything it imports, into one file of the package
 * (scripts/build.ts), so an installed crm-kit needs none of these packages at run time and a client-only
 * install stays at crm-kit, openapi-fetch and openapi-typescript-helpers. Nothing else in src/ may import a
 * package that is not a dependency of crm-kit (test/package/entry-isolation.test.ts checks it).
 */
export type { ErrorObject } from "ajv";
export { default as addFormats } from "ajv-formats";
export { OpenAPIBackend, type Operation, type Request } from "openapi-backend";

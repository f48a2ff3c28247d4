// Intentionally empty: `tsx bench/timing/noop.ts` times Node and tsx starting and exiting, which measure-codegen.ts
// subtracts from the codegen run.
export {};

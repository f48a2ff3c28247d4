/** Type-level assertions for the type tests: `expectType<Equal<A, B>>()` fails to compile unless A and B are the same. */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export function expectType<_T extends true>(): void {}

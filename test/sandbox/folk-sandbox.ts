/** A folk client on a fresh sandbox whose every reply is checked against the spec, and the seed's ids. */
import { createFolkClient } from "../../src/folk/index.js";
import { createSandbox } from "../../src/sandbox/index.js";

export function onFolkSandbox(seed = true) {
  const sandbox = createSandbox("folk", { seed, validateResponses: true });
  return { sandbox, folk: createFolkClient({ apiKey: "folk_test_sandbox", fetch: sandbox.fetch, maxRetries: 0 }) };
}

/** Records of the seed (the spec's examples). */
export const SEEDED = {
  person: "per_183ed5cc-3182-45de-84d1-d520f2604810",
  company: "com_183ed5cc-3182-45de-84d1-d520f2604810",
  engineering: "grp_5fa60242-0756-4e31-8cca-30c2c5ff1ac2",
  apiUser: "usr_bc984b3f-0386-434d-82d7-a91eb6badd71",
  jane: "usr_c3606e3b-0a92-4849-90e5-88a8d3f388d6",
  note: "nte_91118b73-5a75-480b-b8e3-a33671c35cdc",
  reminder: "rmd_91118b73-5a75-480b-b8e3-a33671c35cdc",
  webhook: "wbk_8c18c158-d49e-4ad4-90d4-2b197688bac7",
  deal: "obj_183ed5cc-3182-45de-84d1-d520f2604810",
} as const;

/** A well-formed id (40 characters) that names nothing. */
export function unknownId(prefix: string): string {
  return `${prefix}_00000000-0000-4000-8000-00000000dead`;
}

import { describeDocumentedErrors } from "../support/contract-suite.js";
import { calls, spec } from "./calls.js";

// Kare documents no error body: the spec models API Gateway's `{ message }`, which carries no code.
describeDocumentedErrors("kare", spec, calls, {
  code: () => undefined,
  message: (example) => (example as { message?: string } | undefined)?.message,
});

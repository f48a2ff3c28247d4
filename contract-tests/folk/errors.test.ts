import { describeDocumentedErrors } from "../support/contract-suite.js";
import { calls, spec } from "./calls.js";

type FolkErrorBody = { error?: { code?: string; message?: string } };

describeDocumentedErrors("folk", spec, calls, {
  code: (example) => (example as FolkErrorBody).error?.code,
  message: (example) => (example as FolkErrorBody).error?.message,
});

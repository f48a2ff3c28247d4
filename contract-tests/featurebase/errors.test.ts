import { describeDocumentedErrors } from "../support/contract-suite.js";
import { calls, spec } from "./calls.js";

/** The documented envelope, or the flat `{ success?, code?, message }` the live API also sends. */
type FeaturebaseErrorBody = { error?: { code?: string; message?: string }; message?: string };

describeDocumentedErrors("featurebase", spec, calls, {
  code: (example) => (example as FeaturebaseErrorBody).error?.code,
  message: (example) => (example as FeaturebaseErrorBody).error?.message ?? (example as FeaturebaseErrorBody).message,
});

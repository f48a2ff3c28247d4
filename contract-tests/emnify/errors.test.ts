import { describeDocumentedErrors } from "../support/contract-suite.js";
import { calls, spec } from "./calls.js";

type EmnifyErrorBody = { error_token?: string; message?: string };

// ApiError.code is emnify's error_token ("TokenExpired"), not the numeric error_code: see src/emnify/vendor.ts.
describeDocumentedErrors("emnify", spec, calls, {
  code: (example) => (example as EmnifyErrorBody).error_token,
  message: (example) => (example as EmnifyErrorBody).message,
});

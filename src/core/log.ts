/** Fields every log event carries. Secrets are already redacted from `url` and `headers`. */
interface LogEventBase {
  /** `VendorDefinition.name`, e.g. "folk". */
  vendor: string;
  /** HTTP method. */
  method: string;
  /** Request URL with secrets and userinfo redacted. */
  url: string;
  /** 1-based attempt number within one call. */
  attempt: number;
}

/** One redacted line for `options.logger`. */
export type LogEvent =
  | (LogEventBase & { type: "request"; headers: Record<string, string> })
  | (LogEventBase & { type: "response"; status: number; ms: number; headers: Record<string, string> })
  | (LogEventBase & { type: "error"; ms: number; error: string })
  | (LogEventBase & { type: "retry"; delayMs: number; reason: string })
  | (LogEventBase & { type: "renew" })
  /** The attempt waited `waitedMs` for its turn under the client's rateLimit or maxConcurrency before it was sent. */
  | (LogEventBase & { type: "wait"; waitedMs: number });

/** A logger that never breaks a request: logging is a side channel, so its failures are swallowed. */
export function safeLogger(logger: ((event: LogEvent) => void) | undefined): (event: LogEvent) => void {
  if (!logger) return () => undefined;
  return (event) => {
    try {
      logger(event);
    } catch {
      // Deliberately ignored: a broken logger must not turn a successful call into a failure.
    }
  };
}

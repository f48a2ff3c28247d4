import { AttemptTimer, raceAbort, sleep, whenAborted } from "./attempt-signal.js";
import type { AuthContext, AuthStrategy } from "./auth.js";
import type { CallRecord } from "./call-record.js";
import { ConnectionError, CrmKitError, TimeoutError } from "./errors.js";
import { describeNonResponse, fetchUnder, isResponse, prepareFetch, systemErrorCode } from "./guarded-fetch.js";
import { CheckedHeaders } from "./headers.js";
import { type LogEvent, safeLogger } from "./log.js";
import { nonResponseMessage, opaqueRedirectMessage } from "./messages.js";
import { createRedactor, type Redactor } from "./redact.js";
import { type Hop, MAX_REDIRECTS, nextHop } from "./redirect.js";
import { discardBody, readText, rebuildResponse, shouldBuffer } from "./response-body.js";
import { describeFailure, type Failure, type Policy, planRetry, type RetryPlan } from "./retry-policy.js";
import type { VendorDefinition } from "./vendor.js";

/** What the transport needs from the client. */
export interface TransportDeps {
  vendor: VendorDefinition;
  auth: AuthStrategy;
  fetch: (input: Request) => Promise<Response>;
  logger?: ((event: LogEvent) => void) | undefined;
  /** Source of jitter (defaults to Math.random). */
  random?: (() => number) | undefined;
}

/**
 * The custom fetch behind every client: auth per attempt, timeouts, retries, 401 renewal, same-origin redirects
 * and logging.
 */
export interface Transport {
  readonly vendor: VendorDefinition;
  /** The auth's current secrets. */
  secrets(): string[];
  /** A redactor for the current secrets and the vendor's secret headers. */
  redactor(): Redactor;
  /** Sends a request built by openapi-fetch under `policy`; resolves to the final response or throws. */
  send(request: Request, policy: Policy, call: CallRecord, fetchOverride?: (input: Request) => Promise<Response>): Promise<Response>;
}

type Guarded<T> = { value: T } | { failure: Exclude<Failure, { kind: "status" }>; error: unknown };
type NetworkFailure = Extract<Guarded<unknown>, { failure: unknown }>;

/** How one attempt ended. */
type Exchange =
  | { kind: "response"; response: Response }
  | { kind: "retry"; plan: Extract<RetryPlan, { retry: true }> }
  | { kind: "failed"; failed: NetworkFailure };

/** Everything one call's attempts share. */
interface Attempting {
  /** Vendor name, for messages. */
  vendor: string;
  request: Request;
  auth: AuthStrategy;
  body: ArrayBuffer | null;
  policy: Policy;
  call: CallRecord;
  fetch: (input: Request) => Promise<Response>;
  random: () => number;
  log?: ((event: DistributiveOmit<LogEvent, "vendor" | "method" | "url">) => void) | undefined;
  redactor: () => Redactor;
}

export function createTransport(deps: TransportDeps): Transport {
  const { vendor, auth } = deps;
  const logger = deps.logger ? safeLogger(deps.logger) : undefined;
  const secrets = (): string[] => auth.secrets();
  const redactor = (): Redactor => createRedactor(secrets(), vendor.secretHeaders ?? []);

  async function send(
    request: Request,
    policy: Policy,
    call: CallRecord,
    fetchOverride?: (input: Request) => Promise<Response>,
  ): Promise<Response> {
    const { method, url } = request;
    if (call.middleware) return withRequestSignal(request, call, (withSignal) => send(request, policy, withSignal, fetchOverride));
    const callerSignal = call.signal;
    call.method = method;
    call.url = url;
    const log =
      logger &&
      ((event: DistributiveOmit<LogEvent, "vendor" | "method" | "url">): void => {
        logger({ ...event, vendor: vendor.name, method, url: redactor().url(url) } as LogEvent);
      });
    const fetch = fetchOverride ?? deps.fetch;
    const attempting: Attempting = {
      vendor: vendor.name,
      request,
      auth,
      // Read once so that every attempt sends the same bytes: a body stream can be consumed only once.
      body: request.body === null ? null : await request.arrayBuffer(),
      policy,
      call,
      fetch,
      random: deps.random ?? Math.random,
      log,
      redactor,
    };
    const retryOrThrow = (failed: NetworkFailure, attempt: number): Extract<RetryPlan, { retry: true }> => {
      const plan = planRetry(method, failed.failure, attempt, policy, attempting.random);
      if (!plan.retry) throw networkError(failed, method, url, attempt);
      return plan;
    };
    let renewed = false;

    for (let attempt = 1; ; attempt += 1) {
      callerSignal?.throwIfAborted();
      const headers = new CheckedHeaders(request.headers, "set by the client's auth strategy");
      const outcome = await exchange(attempting, attempt, headers);
      if (outcome.kind === "response") {
        // A renewal is not a retry: it happens at most once per call, whatever maxRetries says.
        if (outcome.response.status === 401 && !renewed && (await renewAfter401(attempting, attempt, headers))) {
          renewed = true;
          log?.({ type: "renew", attempt });
          attempt -= 1;
          continue;
        }
        return outcome.response;
      }
      const plan = outcome.kind === "retry" ? outcome.plan : retryOrThrow(outcome.failed, attempt);
      log?.({ type: "retry", attempt, delayMs: plan.delayMs, reason: plan.reason });
      await sleep(plan.delayMs, callerSignal);
    }
  }

  /**
   * Lets the auth renew the refused credentials. The login it waits for gets a timer of its own (the attempt's has
   * run out with the 401), so a slow login surfaces as TimeoutError and a caller abort as its reason.
   */
  async function renewAfter401(a: Attempting, attempt: number, rejected: Headers): Promise<boolean> {
    if (!auth.renew) return false;
    const { request, policy } = a;
    const timer = new AttemptTimer(policy.timeoutMs, a.call.signal);
    try {
      const renewal = await waitForAuth(a, timer, () => auth.renew?.(rejected, authContext(a, timer)));
      if (renewal.failed) throw networkError(renewal.failed, request.method, request.url, attempt);
      return renewal.value === true;
    } finally {
      timer.clear();
    }
  }

  function networkError(failed: NetworkFailure, method: string, url: string, attempt: number): Error {
    const init = { vendor: vendor.name, method, url, attempt, cause: failed.error, secrets: secrets() };
    return failed.failure.kind === "timeout"
      ? new TimeoutError({ ...init, timeoutMs: failed.failure.timeoutMs })
      : new ConnectionError({ ...init, code: failed.failure.code });
  }

  return { vendor, secrets, redactor, send };
}

/**
 * Runs `send` with a signal that aborts when the caller's signal or the Request's does: middleware may have put a
 * signal of its own on the Request it returned. Only calls with middleware pay for the extra controller.
 */
async function withRequestSignal(request: Request, call: CallRecord, send: (call: CallRecord) => Promise<Response>): Promise<Response> {
  const controller = new AbortController();
  const stops = [call.signal, request.signal].map((signal) =>
    signal === undefined ? undefined : whenAborted(signal, () => controller.abort(signal.reason)),
  );
  for (const signal of [call.signal, request.signal]) if (signal?.aborted) controller.abort(signal.reason);
  const combined: CallRecord = Object.assign(call, { signal: controller.signal, middleware: false });
  try {
    return await send(combined);
  } finally {
    for (const stop of stops) stop?.();
  }
}

/**
 * One attempt under its own timeout: authorize (which may wait for a login), send, then either plan a retry for a
 * retryable status (releasing the body) or read the final body while the timeout still runs, so that neither a
 * slow login nor a stalled body can hang the call.
 */
async function exchange(a: Attempting, attempt: number, headers: Headers): Promise<Exchange> {
  const { request, policy } = a;
  const timer = new AttemptTimer(policy.timeoutMs, a.call.signal);
  const started = performance.now();
  const failed = (failure: NetworkFailure): Exchange => {
    a.log?.({
      type: "error",
      attempt,
      ms: Math.round(performance.now() - started),
      error: a.redactor().text(`${describeFailure(failure.failure)}: ${String(failure.error)}`),
    });
    return { kind: "failed", failed: failure };
  };
  try {
    const authorized = await waitForAuth(a, timer, () => a.auth.authorize(headers, authContext(a, timer)));
    if (authorized.failed) return failed(authorized.failed);
    a.log?.({ type: "request", attempt, headers: a.redactor().headers(headers) });
    const sent = await sendFollowingRedirects(a, timer, { url: request.url, method: request.method, headers, body: a.body });
    if ("failure" in sent) return failed(sent);
    const response = sent.value;
    a.log?.({
      type: "response",
      attempt,
      status: response.status,
      ms: Math.round(performance.now() - started),
      headers: a.redactor().headers(response.headers),
    });
    if (!response.ok) {
      const plan = planRetry(
        request.method,
        { kind: "status", status: response.status, headers: response.headers },
        attempt,
        policy,
        a.random,
      );
      if (plan.retry) {
        discardBody(response);
        return { kind: "retry", plan };
      }
    }
    const final = await guard(a, timer, () => finalize(response, request.method, a.call, timer.signal));
    return "value" in final ? { kind: "response", response: final.value } : failed(final);
  } finally {
    timer.clear();
  }
}

/** What the auth sees of a request. */
function authContext(a: Attempting, timer: AttemptTimer): AuthContext {
  return { signal: timer.signal, method: a.request.method, url: a.request.url, path: a.call.path };
}

/**
 * Runs an auth step (authorize or renew, either of which may wait for a login) under `timer`. A caller abort
 * rethrows its reason and is never retried; the timer firing is a timeout failure; any other error (a failed
 * login's ApiError) passes through unchanged. The step is raced against the timer, so a strategy that ignores
 * its signal cannot hold the call either.
 */
async function waitForAuth<T>(
  a: Attempting,
  timer: AttemptTimer,
  step: () => Promise<T> | T,
): Promise<{ value?: T; failed?: NetworkFailure }> {
  try {
    const result = step();
    // A synchronous strategy (a static key) costs no promise; a pending one cannot outlast the timer.
    if (typeof (result as { then?: unknown } | undefined)?.then !== "function") return { value: result as T };
    return { value: await raceAbort(Promise.resolve(result), timer.signal) };
  } catch (error) {
    if (a.call.signal?.aborted) throw a.call.signal.reason;
    if (timer.fired) return { failed: { failure: { kind: "timeout", timeoutMs: a.policy.timeoutMs, beforeSending: true }, error } };
    throw error;
  }
}

/**
 * Sends with `redirect: "manual"` and follows redirects within the request's origin only (see redirect.ts). A
 * cross-origin redirect, a missing Location and the redirect after MAX_REDIRECTS come back as the 3xx response,
 * which surfaces as an ApiError. A request whose redirect mode is "manual" or "error" keeps it.
 */
async function sendFollowingRedirects(a: Attempting, timer: AttemptTimer, first: Hop): Promise<Guarded<Response>> {
  const follow = a.request.redirect === "follow";
  let hop = first;
  for (let redirects = 0; ; redirects += 1) {
    const init: RequestInit = {
      method: hop.method,
      headers: hop.headers,
      body: hop.body,
      redirect: follow ? "manual" : a.request.redirect,
      signal: timer.signal,
    };
    const send = prepareFetch(a.fetch, hop.url, init);
    const sent = await guard(a, timer, () => fetchUnder(send, timer.signal));
    if ("failure" in sent) return sent;
    if (!isResponse(sent.value)) {
      throw new CrmKitError(
        nonResponseMessage(a.vendor, a.request.method, a.redactor().url(a.request.url), describeNonResponse(sent.value)),
      );
    }
    if (sent.value.type === "opaqueredirect") {
      // A browser hides a manual redirect's status and Location, so crm-kit cannot tell where it leads.
      throw new CrmKitError(opaqueRedirectMessage(a.vendor, a.request.method, a.redactor().url(a.request.url)));
    }
    const next = follow && redirects < MAX_REDIRECTS ? nextHop(hop, sent.value) : undefined;
    if (next === undefined) return sent;
    discardBody(sent.value);
    hop = next;
  }
}

/**
 * Reads the body when the client will need it whole (see shouldBuffer), inside the attempt's timeout. The text goes
 * to the client in `call.final`; openapi-fetch gets a rebuilt Response to read unless the client takes the text.
 */
async function finalize(response: Response, method: string, call: CallRecord, signal: AbortSignal): Promise<Response> {
  // An earlier attempt (a 401 before renewal) may have left its body here.
  call.final = undefined;
  if (!shouldBuffer(response, method, call.parseAs)) return response;
  const text = await readText(response, signal);
  call.final = { status: response.status, text, contentType: response.headers.get("content-type") };
  return call.takesText && response.ok ? response : rebuildResponse(response, text);
}

/** Runs a network step and classifies what it throws; a caller abort is rethrown as is and never retried. */
async function guard<T>(a: Attempting, timer: AttemptTimer, run: () => Promise<T>): Promise<Guarded<T>> {
  const callerSignal = a.call.signal;
  try {
    return { value: await run() };
  } catch (error) {
    if (callerSignal?.aborted) throw callerSignal.reason;
    if (timer.fired) return { failure: { kind: "timeout", timeoutMs: a.policy.timeoutMs }, error };
    return { failure: { kind: "connection", code: systemErrorCode(error) }, error };
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

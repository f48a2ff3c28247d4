import { AttemptTimer, sleep } from "./attempt-signal.js";
import type { AuthContext, AuthStrategy } from "./auth.js";
import { ConnectionError, CrmKitError, TimeoutError } from "./errors.js";
import { describeNonResponse, isResponse, prepareFetch, systemErrorCode } from "./guarded-fetch.js";
import { CheckedHeaders } from "./headers.js";
import { type LogEvent, safeLogger } from "./log.js";
import { nonResponseMessage, opaqueRedirectMessage } from "./messages.js";
import type { Pacer } from "./pacing.js";
import type { RateLimitPermit } from "./rate-limiter.js";
import { createRedactor, type Redactor } from "./redact.js";
import { type Hop, MAX_REDIRECTS, nextHop } from "./redirect.js";
import { discardBody, rebuildResponse, shouldBuffer } from "./response-body.js";
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
  /** Paces the attempts (rateLimit, maxConcurrency); none when nothing is paced. */
  pacer?: Pacer | undefined;
}

/** One request as the client built it, sent as is on every attempt. */
export interface Outgoing {
  method: string;
  url: string;
  headers: Headers;
  /**
   * The body: a string, bytes, FormData, URLSearchParams or a Blob, which every attempt can send again, or a stream,
   * which the transport reads once into bytes under the first attempt's timeout before sending.
   */
  body: BodyInit | null;
  redirect: RequestRedirect;
  /** The operation's path as the caller named it (a template such as "/companies/{id}"), for auth strategies. */
  path: string;
  /** The spec marks the operation idempotent (x-crm-kit-idempotent): retried like a GET, whatever the method. */
  idempotent?: boolean | undefined;
  /** The caller's signal: aborting it ends the call with its reason, never retried. */
  signal: AbortSignal | undefined;
  /** The call's other fetch options (cache, credentials, keepalive, …), passed on as openapi-fetch passes them. */
  fetchOptions?: RequestInit | undefined;
}

/** How the client will use the final response's body. */
export interface Reading {
  /** A 2xx body will be parsed as JSON: read it whole, under the attempt's timeout. */
  json: boolean;
  /** The response must stay readable after the transport read its body (middleware will see it). */
  keepBody: boolean;
}

/** The final response, and its body text when the transport read it (a JSON or an error body). */
export interface Delivered {
  response: Response;
  text: string | undefined;
}

/**
 * Sends a client's requests: auth per attempt, timeouts, retries, 401 renewal, same-origin redirects and logging.
 */
export interface Transport {
  readonly vendor: VendorDefinition;
  /** The auth's current secrets. */
  secrets(): string[];
  /** A redactor for the current secrets and the vendor's secret headers. */
  redactor(): Redactor;
  /** Sends `outgoing` under `policy`; resolves to the final response or throws. */
  send(outgoing: Outgoing, policy: Policy, reading: Reading, fetchOverride?: (input: Request) => Promise<Response>): Promise<Delivered>;
}

/** A network failure of one attempt: a timeout or a connection error, with what was thrown. */
interface NetworkFailure {
  failure: Exclude<Failure, { kind: "status" }>;
  error: unknown;
}

/** How one attempt ended: the final response, a retryable status, or a network failure. */
type Exchange = Delivered | Extract<RetryPlan, { retry: true }> | NetworkFailure;

type Log = (event: DistributiveOmit<LogEvent, "vendor" | "method" | "url">) => void;

/** Everything one call's attempts share. */
interface Attempting {
  outgoing: Outgoing;
  policy: Policy;
  reading: Reading;
  fetch: (input: Request) => Promise<Response>;
  log: Log | undefined;
}

export function createTransport(deps: TransportDeps): Transport {
  const { vendor, auth, pacer } = deps;
  const logger = deps.logger ? safeLogger(deps.logger) : undefined;
  const random = deps.random ?? Math.random;
  const secrets = (): string[] => auth.secrets();
  const redactor = (): Redactor => createRedactor(secrets(), vendor.secretHeaders ?? []);

  async function send(
    outgoing: Outgoing,
    policy: Policy,
    reading: Reading,
    fetchOverride?: (input: Request) => Promise<Response>,
  ): Promise<Delivered> {
    const { method, url, signal } = outgoing;
    const a: Attempting = {
      outgoing: outgoing.body instanceof ReadableStream ? { ...outgoing, body: await readOnce(outgoing.body, outgoing, policy) } : outgoing,
      policy,
      reading,
      fetch: fetchOverride ?? deps.fetch,
      log: logger && ((event) => logger({ ...event, vendor: vendor.name, method, url: redactor().url(url) } as LogEvent)),
    };
    let renewed = false;
    for (let attempt = 1; ; attempt += 1) {
      signal?.throwIfAborted();
      const headers = new CheckedHeaders(outgoing.headers, "set by the client's auth strategy");
      const outcome = await exchange(a, attempt, headers);
      if ("response" in outcome) {
        // A renewal is not a retry: it happens at most once per call, whatever maxRetries says.
        if (outcome.response.status === 401 && !renewed && (await renewAfter401(a, attempt, headers))) {
          renewed = true;
          a.log?.({ type: "renew", attempt });
          attempt -= 1;
          continue;
        }
        return outcome;
      }
      let plan: Extract<RetryPlan, { retry: true }>;
      if ("failure" in outcome) {
        const planned = planRetry(a.outgoing, outcome.failure, attempt, policy, random);
        if (!planned.retry) throw networkError(outcome, outgoing, attempt);
        plan = planned;
      } else {
        plan = outcome;
      }
      a.log?.({ type: "retry", attempt, delayMs: plan.delayMs, reason: plan.reason });
      await sleep(plan.delayMs, signal);
    }
  }

  /**
   * One attempt under its own timeout: authorize (which may wait for a login), send (following same-origin
   * redirects), then either plan a retry for a retryable status (releasing the body) or read the final body while
   * the timeout still runs, so that neither a slow login nor a stalled body can hang the call.
   */
  async function exchange(a: Attempting, attempt: number, headers: Headers): Promise<Exchange> {
    const { outgoing, policy, reading } = a;
    let timer = new AttemptTimer(policy.timeoutMs, outgoing.signal);
    let started = a.log || pacer ? performance.now() : 0;
    // What a rejection means depends on the step: the network's is a failure to classify (and maybe retry), the
    // auth's (a failed login) and crm-kit's own checks pass through as they are.
    let step: "auth" | "network" | "own" = "auth";
    let permit: RateLimitPermit | undefined;
    let response: Response | undefined;
    try {
      await waitFor(timer, auth.authorize(headers, authContext(a, timer)));
      step = "own";
      if (pacer) {
        // The turn is taken once the auth is ready, so a login never waits behind the calls waiting for it. The
        // wait for it is not part of the attempt's timeout (the caller's signal bounds it): the attempt's clock
        // stops for it and resumes with what the login left.
        const ticket = { operation: `${outgoing.method} ${outgoing.path}`, signal: outgoing.signal };
        permit = pacer.tryAcquire(ticket);
        if (permit === undefined) {
          const spentMs = performance.now() - started;
          timer.clear();
          permit = await pacer.acquire(ticket);
          timer = new AttemptTimer(Math.max(1, policy.timeoutMs - spentMs), outgoing.signal);
          started = performance.now() - spentMs;
          if (permit.waitedMs > 0) a.log?.({ type: "wait", attempt, waitedMs: permit.waitedMs });
        }
      }
      a.log?.({ type: "request", attempt, headers: redactor().headers(headers) });
      // Redirects are followed here, within the request's origin only (see redirect.ts), unless the request asked
      // for "manual" or "error". A cross-origin one, a missing Location and the one after MAX_REDIRECTS come back
      // as the 3xx response, which surfaces as an ApiError.
      const follow = outgoing.redirect === "follow";
      let hop: Hop = { url: outgoing.url, method: outgoing.method, headers, body: outgoing.body };
      for (let redirects = 0; ; redirects += 1) {
        const init: RequestInit = {
          ...outgoing.fetchOptions,
          method: hop.method,
          headers: hop.headers,
          body: hop.body,
          redirect: follow ? "manual" : outgoing.redirect,
          signal: timer.signal,
        };
        const send = prepareFetch(a.fetch, hop.url, init);
        step = "network";
        const answer: unknown = await timer.wait(send(), discardLate);
        step = "own";
        response = checkedResponse(answer, outgoing);
        const next = follow && redirects < MAX_REDIRECTS ? nextHop(hop, response) : undefined;
        if (next === undefined) break;
        discardBody(response);
        hop = next;
      }
      a.log?.({
        type: "response",
        attempt,
        status: response.status,
        ms: Math.round(performance.now() - started),
        headers: redactor().headers(response.headers),
      });
      if (!response.ok) {
        const failure = { kind: "status", status: response.status, headers: response.headers } as const;
        const plan = planRetry(outgoing, failure, attempt, policy, random);
        if (plan.retry) {
          discardBody(response);
          return plan;
        }
      }
      // The final body, when the client needs it whole (see shouldBuffer), is read under the same timer.
      if (!shouldBuffer(response, outgoing.method, reading.json)) return { response, text: undefined };
      step = "network";
      const text = await timer.readText(response);
      return { response: reading.keepBody ? rebuildResponse(response, text) : response, text };
    } catch (error) {
      // A caller abort is rethrown as is and never retried.
      if (outgoing.signal?.aborted) throw outgoing.signal.reason;
      if (!timer.fired && step !== "network") throw error;
      const failure: NetworkFailure["failure"] = timer.fired
        ? { kind: "timeout", timeoutMs: policy.timeoutMs, ...(step === "auth" ? { beforeSending: true } : {}) }
        : { kind: "connection", code: systemErrorCode(error) };
      a.log?.({
        type: "error",
        attempt,
        ms: Math.round(performance.now() - started),
        error: redactor().text(`${describeFailure(failure)}: ${String(error)}`),
      });
      return { failure, error };
    } finally {
      timer.clear();
      // The vendor has counted the attempt by now (or it never left: then it still counts, to be safe).
      permit?.release({ status: response?.status, headers: response?.headers });
    }
  }

  /** The answer of a fetch, which must be a Response whose redirect crm-kit can see. */
  function checkedResponse(answer: unknown, outgoing: Outgoing): Response {
    if (!isResponse(answer)) {
      throw new CrmKitError(nonResponseMessage(vendor.name, outgoing.method, redactor().url(outgoing.url), describeNonResponse(answer)));
    }
    if (answer.type === "opaqueredirect") {
      // A browser hides a manual redirect's status and Location, so crm-kit cannot tell where it leads.
      throw new CrmKitError(opaqueRedirectMessage(vendor.name, outgoing.method, redactor().url(outgoing.url)));
    }
    return answer;
  }

  /**
   * Lets the auth renew the refused credentials. The login it waits for gets a timer of its own (the attempt's has
   * run out with the 401), so a slow login surfaces as TimeoutError and a caller abort as its reason.
   */
  async function renewAfter401(a: Attempting, attempt: number, rejected: Headers): Promise<boolean> {
    if (!auth.renew) return false;
    const { signal } = a.outgoing;
    const timer = new AttemptTimer(a.policy.timeoutMs, signal);
    try {
      return (await waitFor(timer, auth.renew(rejected, authContext(a, timer)))) === true;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (!timer.fired) throw error;
      const failure = { kind: "timeout", timeoutMs: a.policy.timeoutMs, beforeSending: true } as const;
      throw networkError({ failure, error }, a.outgoing, attempt);
    } finally {
      timer.clear();
    }
  }

  /**
   * A stream body read into bytes, so that every attempt sends the same ones: under a timer of its own, as the first
   * attempt's wait, so that a stream that never ends times out and a caller abort ends it.
   */
  async function readOnce(stream: ReadableStream<Uint8Array>, outgoing: Outgoing, policy: Policy): Promise<BodyInit> {
    const timer = new AttemptTimer(policy.timeoutMs, outgoing.signal);
    try {
      // A body stream's chunks are plain (never shared) memory, which fetch accepts.
      return (await timer.readAll(stream)) as Uint8Array<ArrayBuffer>;
    } catch (error) {
      if (outgoing.signal?.aborted) throw outgoing.signal.reason;
      if (!timer.fired) throw error;
      throw networkError({ failure: { kind: "timeout", timeoutMs: policy.timeoutMs }, error }, outgoing, 1);
    } finally {
      timer.clear();
    }
  }

  function networkError(failed: NetworkFailure, { method, url, idempotent }: Outgoing, attempt: number): Error {
    const init = { vendor: vendor.name, method, url, attempt, idempotent, cause: failed.error, secrets: secrets() };
    return failed.failure.kind === "timeout"
      ? new TimeoutError({ ...init, timeoutMs: failed.failure.timeoutMs })
      : new ConnectionError({ ...init, code: failed.failure.code });
  }

  return { vendor, secrets, redactor, send };
}

/** A Response that arrived after its attempt ended: its body is released so the connection returns to the pool. */
function discardLate(response: unknown): void {
  if (response instanceof Response) discardBody(response);
}

/**
 * An auth step's result, waited for under `timer` when it is pending: a synchronous strategy (a static key) costs no
 * promise, and one that ignores its signal cannot hold the call past the attempt either.
 */
function waitFor<T>(timer: AttemptTimer, result: Promise<T> | T): Promise<T> | T {
  return typeof (result as { then?: unknown } | undefined)?.then === "function" ? timer.wait(Promise.resolve(result)) : result;
}

/** What the auth sees of a request. */
function authContext(a: Attempting, timer: AttemptTimer): AuthContext {
  return { signal: timer.signal, method: a.outgoing.method, url: a.outgoing.url, path: a.outgoing.path };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { HttpClient } from '@actions/http-client';
import type { Clock } from './clock.js';
import { ConfigHubApiError, ConfigHubNetworkError, parseErrorBody } from './errors.js';
import type { Logger } from './logger.js';
import type { RateLimiter } from './rate-limiter.js';
import {
  type AttemptOutcome,
  decideRetry,
  parseRetryAfter,
  type RetryOptions,
} from './retry-policy.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** A body streamed from a source that can be opened again for a retry. */
export interface StreamBody {
  contentType: string;
  contentLength: number;
  open(): NodeJS.ReadableStream;
}

export interface HttpRequest {
  /** Human name of the call, used in logs and errors, such as "Get upload 1234". */
  operation: string;
  method: HttpMethod;
  /** Absolute URL, or a path that the transport appends to its base URL. */
  url: string;
  query?: Record<string, string | undefined>;
  headers?: OutgoingHttpHeaders;
  json?: unknown;
  /** Overrides application/json for `json` bodies (JSON Patch needs its own type). */
  jsonContentType?: string;
  form?: Record<string, string>;
  stream?: StreamBody;
  /** Whether sending twice is harmless. Defaults to true for GET and DELETE. */
  idempotent?: boolean;
  /** Whether the request counts against the tenant's rate limit. Defaults to true. */
  rateLimited?: boolean;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface HttpTransportOptions {
  baseUrl: string;
  clock: Clock;
  logger: Logger;
  retry: RetryOptions;
  limiter: RateLimiter;
  /** Socket inactivity timeout of one attempt, in milliseconds. */
  timeoutMs: number;
  userAgent: string;
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
const FINAL_CODES = new Set(['ENOTFOUND', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT']);

/**
 * The one HTTP layer of the client, on @actions/http-client so that the
 * runner's proxy settings apply. It sends a request, retries it where that is
 * safe, keeps under the rate limit, and turns error responses into
 * ConfigHubApiError. 2xx responses and 401 are returned (the caller handles 401
 * by refreshing its token).
 */
export class HttpTransport {
  private readonly http: HttpClient;

  constructor(private readonly options: HttpTransportOptions) {
    this.http = new HttpClient(options.userAgent, [], {
      socketTimeout: options.timeoutMs,
      allowRedirects: false,
      allowRetries: false,
      keepAlive: true,
    });
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /** Closes idle keep-alive sockets so the process can exit. */
  close(): void {
    this.http.dispose();
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const { clock, logger, retry, limiter } = this.options;
    const idempotent =
      request.idempotent ?? (request.method === 'GET' || request.method === 'DELETE');
    const startedAt = clock.now();

    for (let attempt = 1; ; attempt++) {
      if (request.rateLimited !== false) {
        await limiter.acquire(request.signal);
      }
      request.signal?.throwIfAborted();

      let outcome: AttemptOutcome;
      let response: HttpResponse | undefined;
      let failure: Error;
      try {
        response = await this.attempt(request);
        if (response.status < 400 || response.status === 401) {
          return response;
        }
        const retryAfterMs = parseRetryAfter(header(response.headers, 'retry-after'), clock.now());
        outcome = { kind: 'response', status: response.status, retryAfterMs };
        failure = toApiError(request, response, retryAfterMs);
        if (response.status === 429 && retryAfterMs !== undefined) {
          limiter.pauseUntil(clock.now() + retryAfterMs);
        }
      } catch (error) {
        const networkError = toNetworkError(request, error);
        if (FINAL_CODES.has(networkError.code)) {
          throw networkError;
        }
        outcome = { kind: 'network', code: networkError.code, notSent: networkError.notSent };
        failure = networkError;
      }

      const decision = decideRetry(
        outcome,
        { idempotent, attempt, elapsedMs: clock.now() - startedAt },
        retry,
      );
      if (!decision.retry) {
        throw failure;
      }
      logger.info(
        `Retrying "${request.operation}" in ${(decision.waitMs / 1000).toFixed(1)} s after ${decision.reason} ` +
          `(attempt ${attempt + 1} of ${retry.maxAttempts}).`,
      );
      await clock.sleep(decision.waitMs, request.signal);
    }
  }

  private async attempt(request: HttpRequest): Promise<HttpResponse> {
    const url = this.buildUrl(request);
    const headers: OutgoingHttpHeaders = { Accept: 'application/json', ...request.headers };
    let data: string | NodeJS.ReadableStream | null = null;
    if (request.json !== undefined) {
      data = JSON.stringify(request.json);
      headers['Content-Type'] = request.jsonContentType ?? 'application/json';
    } else if (request.form) {
      data = new URLSearchParams(request.form).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (request.stream) {
      data = request.stream.open();
      headers['Content-Type'] = request.stream.contentType;
      headers['Content-Length'] = request.stream.contentLength;
    }

    this.options.logger.debug(`${request.method} ${url}`);
    const response = await this.http.request(request.method, url, data, headers);
    // HttpClientResponse.readBody() never settles when the connection drops in
    // the middle of the body; iterating the stream rejects with ECONNRESET.
    const chunks: Buffer[] = [];
    for await (const chunk of response.message) {
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    return {
      status: response.message.statusCode ?? 0,
      headers: response.message.headers,
      text,
    };
  }

  private buildUrl(request: HttpRequest): string {
    const url = new URL(
      /^https?:\/\//.test(request.url) ? request.url : `${this.options.baseUrl}${request.url}`,
    );
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) {
        url.searchParams.set(name, value);
      }
    }
    return url.toString();
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function toApiError(
  request: HttpRequest,
  response: HttpResponse,
  retryAfterMs: number | undefined,
): ConfigHubApiError {
  const body = parseErrorBody(response.text);
  return new ConfigHubApiError({
    status: response.status,
    operation: request.operation,
    method: request.method,
    path: request.url,
    ...body,
    retryAfterMs,
  });
}

function toNetworkError(request: HttpRequest, error: unknown): ConfigHubNetworkError {
  if (error instanceof ConfigHubNetworkError) {
    return error;
  }
  if (request.signal?.aborted) {
    throw error;
  }
  const err = error as NodeJS.ErrnoException & { hostname?: string };
  let code = err?.code ?? 'ERROR';
  let detail = err?.message ?? String(error);
  if (!err?.code && /^Request timeout/.test(detail)) {
    code = 'ETIMEDOUT';
    detail = 'no answer before the request timeout';
  } else if (code === 'ENOTFOUND') {
    detail = `host ${err.hostname ?? ''} not found: check the tenant or base-url input`;
  } else if (code === 'ECONNREFUSED') {
    detail = 'connection refused';
  } else if (code === 'ECONNRESET') {
    detail = 'connection reset';
  }
  return new ConfigHubNetworkError(request.operation, code, detail, NOT_SENT_CODES.has(code));
}

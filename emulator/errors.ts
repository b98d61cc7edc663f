import { randomBytes } from 'node:crypto';

/** A response that a route or a check hands back to the server, which writes it. */
export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Error body that ISC sends with 400, 403, 404, 405 and 500 responses. */
export interface ErrorBody {
  detailCode: string;
  trackingId: string;
  messages: { locale: string; localeOrigin: string; text: string }[];
  causes: unknown[];
}

const DETAIL_CODES: Record<number, string> = {
  400: '400.1 Bad Request Content',
  403: '403 Forbidden',
  404: '404 Not found',
  405: '405 Method Not Allowed',
  500: '500.0 Internal Fault',
};

/** Builds an error body in the ISC shape, with a new 32-hex-digit tracking id. */
export function errorBody(status: number, text: string): ErrorBody {
  return {
    detailCode: DETAIL_CODES[status] ?? `${status}`,
    trackingId: randomBytes(16).toString('hex'),
    messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text }],
    causes: [],
  };
}

/** Thrown by request handlers to end the request with an ISC error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toResponse(): ApiResponse {
    return {
      status: this.status,
      body: errorBody(this.status, this.message),
      headers: this.headers,
    };
  }
}

export function badRequest(text: string): ApiError {
  return new ApiError(400, text);
}

export function notFound(text: string): ApiError {
  return new ApiError(404, text);
}

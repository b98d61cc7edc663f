/** One localized message of a Configuration Hub error body. */
export interface ApiErrorMessage {
  locale?: string | null;
  localeOrigin?: string | null;
  text?: string;
}

/** Details of a failed API call, as the server reported them. */
export interface ApiErrorDetails {
  status: number;
  operation: string;
  method: string;
  path: string;
  detailCode?: string;
  trackingId?: string;
  messages: string[];
  retryAfterMs?: number;
}

/**
 * An HTTP error response from Configuration Hub. The message reads as one line:
 * operation, status, the server's messages, detail code and tracking id, so a
 * log or annotation shows everything support needs.
 */
export class ConfigHubApiError extends Error {
  override name = 'ConfigHubApiError';
  readonly status: number;
  readonly operation: string;
  readonly detailCode?: string;
  readonly trackingId?: string;
  readonly serverMessages: string[];

  constructor(details: ApiErrorDetails) {
    super(formatApiError(details));
    this.status = details.status;
    this.operation = details.operation;
    this.detailCode = details.detailCode;
    this.trackingId = details.trackingId;
    this.serverMessages = details.messages;
  }
}

/** A request that got no HTTP response: refused, reset, timed out, or lost. */
export class ConfigHubNetworkError extends Error {
  override name = 'ConfigHubNetworkError';
  readonly operation: string;
  readonly code: string;
  /** False when the request may have reached the server, so a write may have been applied. */
  readonly notSent: boolean;

  constructor(operation: string, code: string, detail: string, notSent: boolean) {
    super(`${operation} failed: ${detail} (${code}).`);
    this.operation = operation;
    this.code = code;
    this.notSent = notSent;
  }
}

/** Operation name of the token request, whose 400 responses also mean bad credentials. */
export const TOKEN_OPERATION = 'Get access token';

const CREDENTIALS_HINT =
  'Check the credentials: client-id and client-secret must be the id and secret of a personal access token ' +
  'of an ISC user, or access-token must be a valid token.';

function formatApiError(details: ApiErrorDetails): string {
  // Server messages often end with a full stop; they are joined as sentences without doubling it.
  const text = details.messages.map((message) => message.replace(/[.\s]+$/, '')).join('. ');
  const extra: string[] = [];
  if (details.detailCode) {
    extra.push(`detail code ${details.detailCode}`);
  }
  if (details.trackingId) {
    extra.push(`tracking id ${details.trackingId}`);
  }
  const hint = hintForStatus(details.status, details.operation);
  return (
    `${details.operation} failed with HTTP ${details.status}${text ? `: ${text}` : ''}` +
    `${extra.length ? ` (${extra.join(', ')})` : ''}.${hint ? ` ${hint}` : ''}`
  );
}

function hintForStatus(status: number, operation: string): string {
  switch (status) {
    case 400:
      return operation === TOKEN_OPERATION ? CREDENTIALS_HINT : '';
    case 401:
      return CREDENTIALS_HINT;
    case 403:
      return 'The personal access token lacks the rights for this call: check the user level and the token scopes.';
    default:
      return '';
  }
}

/**
 * Reads the messages out of any of the API's error bodies: the standard
 * `{detailCode, trackingId, messages, causes}`, 401's `{error}`, and 429's
 * `{message}`. Unknown shapes give the raw text, cut to a readable length.
 */
export function parseErrorBody(text: string): {
  detailCode?: string;
  trackingId?: string;
  messages: string[];
} {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const trimmed = text.trim();
    return { messages: trimmed ? [trimmed.slice(0, 300)] : [] };
  }
  if (typeof body !== 'object' || body === null) {
    return { messages: [] };
  }
  const record = body as Record<string, unknown>;
  const messages: string[] = [];
  for (const key of ['messages', 'causes']) {
    const list = record[key];
    if (Array.isArray(list)) {
      for (const item of list) {
        const text = (item as ApiErrorMessage | null)?.text;
        if (typeof text === 'string' && text.trim() && !messages.includes(text.trim())) {
          messages.push(text.trim());
        }
      }
    }
  }
  for (const key of ['error', 'error_description', 'message']) {
    const value = record[key];
    if (typeof value === 'string' && value.trim()) {
      messages.push(value.trim());
    }
  }
  return {
    detailCode: typeof record.detailCode === 'string' ? record.detailCode : undefined,
    trackingId: typeof record.trackingId === 'string' ? record.trackingId : undefined,
    messages,
  };
}

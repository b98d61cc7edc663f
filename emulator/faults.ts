import { ApiError } from './errors.js';
import { isObject } from './http.js';

export type DropMode = 'before-response' | 'after-response-headers';

/** A fault that the next `remaining` matching requests get instead of a normal response. */
export interface Fault {
  method?: string;
  path: RegExp;
  remaining: number;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  drop?: DropMode;
  /** Whether the request is still carried out before the faulted response is sent. */
  apply: boolean;
}

/** Validates a fault definition from the control API and throws a 400 ApiError when it is invalid. */
export function parseFault(input: unknown): Fault {
  if (!isObject(input)) {
    throw new ApiError(400, 'A fault must be a JSON object.');
  }
  const { method, path, count, status, body, headers, delayMs, drop, apply } = input;

  if (typeof path !== 'string') {
    throw new ApiError(400, 'Fault field "path" is required: a regular expression source.');
  }
  let pattern: RegExp;
  try {
    pattern = new RegExp(path);
  } catch (error) {
    throw new ApiError(
      400,
      `Fault field "path" is not a valid regular expression: ${(error as Error).message}`,
    );
  }
  if (method !== undefined && typeof method !== 'string') {
    throw new ApiError(400, 'Fault field "method" must be a string such as "POST".');
  }

  const remaining = count ?? 1;
  if (typeof remaining !== 'number' || !Number.isInteger(remaining) || remaining < 1) {
    throw new ApiError(
      400,
      `Fault field "count" must be a positive integer, not ${JSON.stringify(count)}.`,
    );
  }

  if (
    status !== undefined &&
    (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)
  ) {
    throw new ApiError(
      400,
      `Fault field "status" must be an HTTP status code, not ${JSON.stringify(status)}.`,
    );
  }
  if (delayMs !== undefined && (typeof delayMs !== 'number' || delayMs < 0)) {
    throw new ApiError(
      400,
      `Fault field "delayMs" must be a number of milliseconds, not ${JSON.stringify(delayMs)}.`,
    );
  }
  if (drop !== undefined && drop !== 'before-response' && drop !== 'after-response-headers') {
    throw new ApiError(
      400,
      `Fault field "drop" must be "before-response" or "after-response-headers", not ${JSON.stringify(drop)}.`,
    );
  }
  if (headers !== undefined && !isObject(headers)) {
    throw new ApiError(400, 'Fault field "headers" must be an object of header names to values.');
  }
  if (apply !== undefined && typeof apply !== 'boolean') {
    throw new ApiError(400, 'Fault field "apply" must be true or false.');
  }

  return {
    method: method?.toUpperCase(),
    path: pattern,
    remaining,
    status,
    body,
    headers: headers
      ? Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]))
      : undefined,
    delayMs,
    drop,
    apply: apply ?? false,
  };
}

/** Takes one use of the first fault matching the request, removing it when used up. */
export function takeFault(faults: Fault[], method: string, path: string): Fault | undefined {
  const index = faults.findIndex(
    (fault) => (fault.method === undefined || fault.method === method) && fault.path.test(path),
  );
  if (index === -1) {
    return undefined;
  }
  const fault = faults[index];
  fault.remaining -= 1;
  if (fault.remaining === 0) {
    faults.splice(index, 1);
  }
  return fault;
}

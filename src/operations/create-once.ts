import { ConfigHubApiError, ConfigHubNetworkError } from '../client/errors.js';
import type { OperationContext } from './context.js';

/** Statuses after which a create request's fate is unknown, because a gateway may have passed it on. */
const UNKNOWN_FATE_STATUSES = new Set([502, 503, 504]);

/** Time between look-ups for an object whose create request's fate is unknown. */
export const LOOKUP_INTERVAL_MS = 2_000;
export const LOOKUP_ATTEMPTS = 3;

/**
 * Reports whether a failed create request may still have been applied: the
 * connection broke after the request was sent, or a gateway responded 502,
 * 503 or 504 without saying what the server behind it did.
 */
export function isUnknownFate(error: unknown): boolean {
  if (error instanceof ConfigHubNetworkError) {
    return !error.notSent;
  }
  return error instanceof ConfigHubApiError && UNKNOWN_FATE_STATUSES.has(error.status);
}

/**
 * Sends a create request so that its object exists once. When the request's
 * fate is unknown, it looks for the object with `findNew` (three times, two
 * seconds apart) before it sends the request one more time.
 */
export async function createOnce<T>(
  context: OperationContext,
  options: {
    /** Name of the object for logs, such as "the deploy of draft d-1". */
    description: string;
    create: () => Promise<T>;
    findNew: () => Promise<T | undefined>;
  },
): Promise<T> {
  const { logger, clock, signal } = context;
  try {
    return await options.create();
  } catch (error) {
    if (!isUnknownFate(error)) {
      throw error;
    }
    logger.warning(
      `${(error as Error).message} ${capitalize(options.description)} may have been created; looking for it before trying again.`,
    );
  }

  for (let lookup = 0; lookup < LOOKUP_ATTEMPTS; lookup++) {
    await clock.sleep(LOOKUP_INTERVAL_MS, signal);
    const found = await options.findNew();
    if (found !== undefined) {
      logger.info(`Found ${options.description}, created by the request whose response was lost.`);
      return found;
    }
  }
  logger.info(`${capitalize(options.description)} was not created; sending the request again.`);
  return options.create();
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

import type { ConfigHubClient } from '../../client/config-hub-client.js';
import { ConfigHubApiError } from '../../client/errors.js';
import type { Logger } from '../../client/logger.js';
import { type CleanupItem, type DeletedItem, describeItem, type FailedItem } from './report.js';

/**
 * Deletions in flight at once. The client's rate limiter allows 9.5 requests
 * per second, so four in flight keep it busy while a request takes up to about
 * 400 ms. More would only queue.
 */
export const DELETE_CONCURRENCY = 4;

export interface DeleteOutcome {
  deleted: DeletedItem[];
  failed: FailedItem[];
}

/**
 * Deletes the items, oldest first, with at most `concurrency` requests in
 * flight. A 404 counts as deleted, because the item is gone either way. Any
 * other error is recorded for that item and the rest go on. A cancelled run
 * starts no further deletion and rethrows the abort reason.
 */
export async function deleteItems(
  client: ConfigHubClient,
  items: CleanupItem[],
  logger: Logger,
  signal: AbortSignal,
  concurrency = DELETE_CONCURRENCY,
): Promise<DeleteOutcome> {
  const outcome: DeleteOutcome = { deleted: [], failed: [] };
  let next = 0;

  const worker = async (): Promise<void> => {
    while (next < items.length) {
      signal.throwIfAborted();
      const item = items[next++];
      try {
        await deleteOne(client, item, signal);
        outcome.deleted.push({ ...item, alreadyDeleted: false });
        logger.info(`Deleted ${describeItem(item)}.`);
      } catch (error) {
        if (signal.aborted) {
          throw error;
        }
        if (error instanceof ConfigHubApiError && error.status === 404) {
          outcome.deleted.push({ ...item, alreadyDeleted: true });
          logger.info(`Already deleted (HTTP 404), so counted as deleted: ${describeItem(item)}.`);
          continue;
        }
        const message = error instanceof Error ? error.message : String(error);
        outcome.failed.push({
          ...item,
          error: message,
          httpStatus: error instanceof ConfigHubApiError ? error.status : undefined,
        });
        logger.warning(`Failed to delete ${describeItem(item)}: ${message}`);
      }
    }
  };

  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return outcome;
}

function deleteOne(client: ConfigHubClient, item: CleanupItem, signal: AbortSignal): Promise<void> {
  switch (item.target) {
    case 'uploads':
      return client.deleteUpload(item.id, signal);
    case 'backups':
      return client.deleteBackup(item.id, signal);
    case 'drafts':
      return client.deleteDraft(item.id, signal);
  }
}

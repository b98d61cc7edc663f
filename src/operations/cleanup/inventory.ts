import type { ConfigHubClient } from '../../client/config-hub-client.js';
import { ConfigHubApiError, ConfigHubNetworkError } from '../../client/errors.js';
import type { Logger } from '../../client/logger.js';
import type { CleanupTarget } from '../../settings/cleanup-settings.js';
import { OperationError } from '../context.js';
import type { CleanupInventory } from './select.js';

const RUNNING_STATUSES = ['NOT_STARTED', 'IN_PROGRESS'];

/**
 * Lists every target, and the deploys when drafts are a target. The lists do
 * not page, so one call each returns everything. A failed list fails the run
 * before any deletion, because a partial view could hide a protected item.
 */
export async function listInventory(
  client: ConfigHubClient,
  targets: CleanupTarget[],
  logger: Logger,
  signal?: AbortSignal,
): Promise<CleanupInventory> {
  const inventory: CleanupInventory = { draftsInDeploy: new Map() };

  for (const target of targets) {
    const records = await listOrExplain(`list ${target}`, () => {
      switch (target) {
        case 'uploads':
          return client.listUploads(undefined, signal);
        case 'backups':
          return client.listBackups(undefined, signal);
        case 'drafts':
          return client.listDrafts(undefined, signal);
      }
    });
    const list = Array.isArray(records) ? records : [];
    logger.info(`Listed ${list.length} ${target}.`);
    if (target === 'drafts') {
      inventory.drafts = list;
    } else {
      inventory[target] = list;
    }
  }

  if (targets.includes('drafts')) {
    const deploys = await listOrExplain('list deploys', () => client.listDeploys(signal));
    for (const deploy of deploys) {
      if (RUNNING_STATUSES.includes(deploy.status) && deploy.draftId) {
        inventory.draftsInDeploy.set(deploy.draftId, deploy.jobId);
      }
    }
    logger.info(
      `Listed ${deploys.length} deploys, of which ${inventory.draftsInDeploy.size} in progress use a draft.`,
    );
  }
  return inventory;
}

async function listOrExplain<T>(what: string, list: () => Promise<T>): Promise<T> {
  try {
    return await list();
  } catch (error) {
    if (error instanceof ConfigHubApiError || error instanceof ConfigHubNetworkError) {
      throw new OperationError(
        `Cleanup could not ${what}, so nothing was deleted: ${error.message}`,
      );
    }
    throw error;
  }
}

import { cleanup } from './cleanup/index.js';
import type { OperationContext } from './context.js';
import { deployDraft, waitForDeploy } from './deploy.js';
import { syncMappings } from './mapping-sync/index.js';
import { promote } from './promote.js';
import { uploadConfig } from './upload.js';
import { validateConfig } from './validate.js';

export * from './context.js';

/** Runs the operation the settings name; the result is filled in on the context. */
export async function runOperation(context: OperationContext): Promise<void> {
  const { settings } = context;
  const startedAt = context.clock.now();
  switch (settings.operation) {
    case 'validate':
      await validateConfig(context);
      return;
    case 'upload': {
      const loaded = await validateConfig(context);
      await uploadConfig(context, loaded, { untilHydrated: false, wait: settings.wait });
      return;
    }
    case 'deploy':
      if (settings.deployId) {
        await waitForDeploy(context, settings.deployId, startedAt);
      } else {
        await deployDraft(context, settings.draftId as string, startedAt);
      }
      return;
    case 'promote':
      await promote(context);
      return;
    case 'sync-mappings':
      await syncMappings(context);
      return;
    case 'cleanup':
      await cleanup(context);
      return;
  }
}

import type { Deploy } from '../client/types.js';
import type { OperationContext } from './context.js';
import { deployDraft } from './deploy.js';
import { createDraftFromUpload } from './draft.js';
import { uploadConfig } from './upload.js';
import { validateConfig } from './validate.js';

/** Validates, uploads, makes a draft from the upload, and deploys it. */
export async function promote(context: OperationContext): Promise<Deploy> {
  const startedAt = context.clock.now();
  const loaded = await validateConfig(context);
  const upload = await uploadConfig(context, loaded, { untilHydrated: true, wait: true });

  const sourceTenant =
    context.settings.sourceTenant ??
    loaded.envelope?.tenant ??
    context.settings.tenantLabel ??
    'default';
  const draft = await createDraftFromUpload(context, upload, sourceTenant, startedAt);
  return deployDraft(context, draft.jobId, startedAt);
}

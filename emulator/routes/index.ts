import type { Route } from '../router.js';
import { backupRoutes } from './backups.js';
import { deployRoutes } from './deploys.js';
import { draftRoutes } from './drafts.js';
import { mappingRoutes } from './mappings.js';
import { scheduledActionRoutes } from './scheduled-actions.js';
import { uploadRoutes } from './uploads.js';

/** Every Configuration Hub operation, relative to an API prefix. */
export const apiRoutes: Route[] = [
  ...uploadRoutes,
  ...backupRoutes,
  ...draftRoutes,
  ...deployRoutes,
  ...mappingRoutes,
  ...scheduledActionRoutes,
];

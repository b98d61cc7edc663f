export { loadConfig } from './load-config.js';
export { BACKUP_OBJECT_TYPES, RULE_OBJECT_TYPES } from './object-types.js';
export type {
  ConfigObjectSummary,
  Finding,
  LoadedConfig,
  LoadOptions,
  Severity,
  SpConfigEnvelope,
  SpConfigObject,
} from './types.js';

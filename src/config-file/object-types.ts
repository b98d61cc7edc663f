export { BACKUP_OBJECT_TYPES } from '../client/object-types.js';

/** Types of rule objects, which carry a JWS signature and must not be edited. */
export const RULE_OBJECT_TYPES: readonly string[] = Object.freeze(['RULE', 'CONNECTOR_RULE']);

/**
 * Object types that Configuration Hub backs up and deploys: the `options.includeTypes` enum of
 * backups in the Configuration Hub OpenAPI specifications (v2024 to v2026 and
 * configuration-hub/v1). Exports can contain other types, such as CONNECTOR_RULE.
 */
export const BACKUP_OBJECT_TYPES: readonly string[] = Object.freeze([
  'ACCESS_PROFILE',
  'ACCESS_REQUEST_CONFIG',
  'ATTR_SYNC_SOURCE_CONFIG',
  'AUTH_ORG',
  'CAMPAIGN_FILTER',
  'FORM_DEFINITION',
  'GOVERNANCE_GROUP',
  'IDENTITY_OBJECT_CONFIG',
  'IDENTITY_PROFILE',
  'LIFECYCLE_STATE',
  'NOTIFICATION_TEMPLATE',
  'PASSWORD_POLICY',
  'PASSWORD_SYNC_GROUP',
  'PUBLIC_IDENTITIES_CONFIG',
  'ROLE',
  'RULE',
  'SEGMENT',
  'SERVICE_DESK_INTEGRATION',
  'SOD_POLICY',
  'SOURCE',
  'TAG',
  'TRANSFORM',
  'TRIGGER_SUBSCRIPTION',
  'WORKFLOW',
]);

/** Types of rule objects, which carry a JWS signature and must not be edited. */
export const RULE_OBJECT_TYPES: readonly string[] = Object.freeze(['RULE', 'CONNECTOR_RULE']);

/**
 * Object types that an object mapping may name: the `objectType` enum of the object-mapping
 * endpoints in the Configuration Hub OpenAPI specification v2024. It has ENTITLEMENT and
 * IDENTITY, which backups do not.
 */
export const MAPPING_OBJECT_TYPES: readonly string[] = Object.freeze([
  'ACCESS_PROFILE',
  'ACCESS_REQUEST_CONFIG',
  'ATTR_SYNC_SOURCE_CONFIG',
  'AUTH_ORG',
  'CAMPAIGN_FILTER',
  'ENTITLEMENT',
  'FORM_DEFINITION',
  'GOVERNANCE_GROUP',
  'IDENTITY',
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

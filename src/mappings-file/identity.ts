/** Fields that identify an object mapping. The other fields can be patched in place. */
export interface MappingIdentity {
  objectType: string;
  jsonPath: string;
  sourceValue: string;
}

/**
 * Builds a key that is equal for two mappings exactly when their object type, JSON path and
 * source value are equal. Values are compared as written, case included.
 */
export function identityKey(mapping: MappingIdentity): string {
  return JSON.stringify([mapping.objectType, mapping.jsonPath, mapping.sourceValue]);
}

/** Describes a mapping's identity for messages, such as `GOVERNANCE_GROUP $.name "Dev Approvers"`. */
export function describeIdentity(mapping: MappingIdentity): string {
  return `${mapping.objectType} ${mapping.jsonPath} ${JSON.stringify(mapping.sourceValue)}`;
}

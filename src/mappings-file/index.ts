export { closestName } from './closest-name.js';
export { ENTRY_KEYS } from './entry-checks.js';
export { describeIdentity, identityKey, type MappingIdentity } from './identity.js';
export { loadMappingsFile, mappingsFileFormat } from './load-mappings-file.js';
export { MAPPING_OBJECT_TYPES } from './object-types.js';
export { parseMappings } from './parse-mappings.js';
export { DEFAULT_SOURCE_ORG, sourceOrgProblem } from './source-org.js';
export type { MappingEntry, MappingsFile, MappingsFileFormat, ParseOptions } from './types.js';

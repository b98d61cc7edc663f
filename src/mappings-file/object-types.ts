export { MAPPING_OBJECT_TYPES } from '../client/object-types.js';

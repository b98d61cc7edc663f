import { evaluateMappings } from '../../src/operations/mapping-preview/evaluate.js';
import type { SpConfigEnvelope } from '../../src/config-file/types.js';
import type { MappingEntry } from '../../src/mappings-file/types.js';

const envelope: SpConfigEnvelope = {
  version: 1,
  tenant: 'acme-dev',
  objects: [
    {
      self: { type: 'GOVERNANCE_GROUP', id: 'g-1', name: 'Dev Approvers' },
      object: {
        id: 'g-1',
        name: 'Dev Approvers',
        owner: { type: 'IDENTITY', id: 'i-1', name: 'dev.owner' },
      },
    },
    {
      self: { type: 'ACCESS_PROFILE', id: 'ap-1', name: 'VPN' },
      object: {
        name: 'VPN',
        owner: { type: 'IDENTITY', id: 'i-1', name: 'dev.owner' },
        approvers: [{ type: 'GOVERNANCE_GROUP', id: 'g-1', name: 'Dev Approvers' }],
      },
    },
  ],
};

const entry = (fields: Partial<MappingEntry>): MappingEntry => ({
  sourceOrg: 'acme-dev',
  objectType: 'GOVERNANCE_GROUP',
  jsonPath: '$.name',
  sourceValue: 'Dev Approvers',
  targetValue: 'Prod Approvers',
  enabled: true,
  line: 3,
  column: 5,
  ...fields,
});

describe('evaluateMappings', () => {
  it('matches the object and the references of its type', () => {
    const [item] = evaluateMappings(envelope, [entry({})]);
    expect(item.hits.map((hit) => [hit.objectId, hit.via, hit.path])).toEqual([
      ['g-1', 'object', "$['name']"],
      ['ap-1', 'reference', "$['approvers'][0]['name']"],
    ]);
    expect(item.hits[0].oldValue).toBe('Dev Approvers');
    expect(item.hits[0].newValue).toBe('Prod Approvers');
  });

  it('matches owner references of identities', () => {
    const [item] = evaluateMappings(envelope, [
      entry({ objectType: 'IDENTITY', sourceValue: 'dev.owner', targetValue: 'prod.owner' }),
    ]);
    expect(item.hits.map((hit) => `${hit.objectId} ${hit.path}`)).toEqual([
      "g-1 $['owner']['name']",
      "ap-1 $['owner']['name']",
    ]);
  });

  it('finds nothing for a value with a typo', () => {
    const [item] = evaluateMappings(envelope, [entry({ sourceValue: 'Dev Aprovers' })]);
    expect(item.hits).toEqual([]);
    expect(item.error).toBeUndefined();
  });

  it('compares values exactly, not loosely', () => {
    const [item] = evaluateMappings(envelope, [entry({ sourceValue: 'dev approvers' })]);
    expect(item.hits).toEqual([]);
  });

  it('reports a JSONPath it cannot evaluate', () => {
    const [item] = evaluateMappings(envelope, [entry({ jsonPath: '$[?(@.name == ' })]);
    expect(item.error).toBeDefined();
    expect(item.hits).toEqual([]);
  });

  it('supports filters without running code', () => {
    const [item] = evaluateMappings(envelope, [
      entry({ objectType: 'ACCESS_PROFILE', jsonPath: '$.approvers[?@.id == "g-1"].name' }),
    ]);
    expect(item.hits.map((hit) => hit.path)).toEqual(["$['approvers'][0]['name']"]);
  });
});

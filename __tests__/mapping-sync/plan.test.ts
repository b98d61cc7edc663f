import type { ObjectMapping } from '../../src/client/types.js';
import type { MappingEntry } from '../../src/mappings-file/types.js';
import { countActions, planSourceOrg } from '../../src/operations/mapping-sync/plan.js';

let nextLine = 1;
function entry(fields: Partial<MappingEntry> = {}): MappingEntry {
  return {
    sourceOrg: 'dev-tenant',
    objectType: 'GOVERNANCE_GROUP',
    jsonPath: '$.name',
    sourceValue: 'Dev Approvers',
    targetValue: 'Prod Approvers',
    enabled: true,
    line: nextLine++,
    column: 5,
    ...fields,
  };
}

let nextId = 1;
function server(fields: Partial<ObjectMapping> = {}): ObjectMapping {
  return {
    objectMappingId: `id-${nextId++}`,
    objectType: 'GOVERNANCE_GROUP',
    jsonPath: '$.name',
    sourceValue: 'Dev Approvers',
    targetValue: 'Prod Approvers',
    enabled: true,
    ...fields,
  };
}

describe('planSourceOrg', () => {
  it('creates everything in an empty org', () => {
    const entries = [entry(), entry({ sourceValue: 'Other' })];

    const plan = planSourceOrg('dev-tenant', entries, [], false);

    expect(plan.items.map((i) => [i.action, i.sourceValue, i.line])).toEqual([
      ['create', 'Dev Approvers', entries[0].line],
      ['create', 'Other', entries[1].line],
    ]);
    expect(plan.unchanged).toBe(0);
    expect(plan.listed).toBe(0);
  });

  it('plans nothing when all match', () => {
    const plan = planSourceOrg('dev-tenant', [entry()], [server()], true);

    expect(plan.items).toEqual([]);
    expect(plan.unchanged).toBe(1);
  });

  it('updates a changed targetValue', () => {
    const current = server({ targetValue: 'Old' });

    const plan = planSourceOrg('dev-tenant', [entry()], [current], false);

    expect(plan.items).toHaveLength(1);
    expect(plan.items[0].action).toBe('update');
    expect(plan.items[0].objectMappingId).toBe(current.objectMappingId);
    expect(plan.items[0].previous).toEqual({ targetValue: 'Old', enabled: true });
    expect(plan.items[0].targetValue).toBe('Prod Approvers');
  });

  it('updates a flipped enabled', () => {
    const plan = planSourceOrg('dev-tenant', [entry({ enabled: false })], [server()], false);

    expect(plan.items.map((i) => i.action)).toEqual(['update']);
    expect(plan.items[0].previous).toEqual({ targetValue: 'Prod Approvers', enabled: true });
    expect(plan.items[0].enabled).toBe(false);
  });

  it('reads a missing server enabled as false', () => {
    const { enabled: _enabled, ...withoutEnabled } = server();

    const plan = planSourceOrg('dev-tenant', [entry({ enabled: false })], [withoutEnabled], false);

    expect(plan.items).toEqual([]);
    expect(plan.unchanged).toBe(1);
  });

  it('deletes undeclared mappings only with prune', () => {
    const current = [server(), server({ sourceValue: 'Gone' })];

    const unpruned = planSourceOrg('dev-tenant', [entry()], current, false);
    const pruned = planSourceOrg('dev-tenant', [entry()], current, true);

    expect(unpruned.items).toEqual([]);
    expect(unpruned.unmanaged).toBe(1);
    expect(pruned.items.map((i) => [i.action, i.objectMappingId, i.reason])).toEqual([
      ['delete', current[1].objectMappingId, 'not in the file'],
    ]);
    expect(pruned.unmanaged).toBe(0);
  });

  it('replaces a changed identity with prune', () => {
    const current = server();

    const plan = planSourceOrg(
      'dev-tenant',
      [entry({ jsonPath: '$.displayName' })],
      [current],
      true,
    );

    expect(plan.items.map((i) => [i.action, i.jsonPath])).toEqual([
      ['create', '$.displayName'],
      ['delete', '$.name'],
    ]);
    expect(plan.items[1].objectMappingId).toBe(current.objectMappingId);
  });

  it('treats objectType and sourceValue as identity', () => {
    const current = [server({ objectType: 'ROLE' }), server({ sourceValue: 'dev approvers' })];

    const plan = planSourceOrg('dev-tenant', [entry()], current, true);

    expect(countActions(plan.items)).toEqual({ create: 1, update: 0, delete: 2 });
  });

  it('keeps the matching duplicate and deletes the rest', () => {
    const wrong = server({ targetValue: 'Wrong' });
    const right = server();
    const disabled = server({ enabled: false });

    const plan = planSourceOrg('dev-tenant', [entry()], [wrong, right, disabled], true);

    expect(plan.unchanged).toBe(1);
    expect(plan.items.map((i) => [i.action, i.objectMappingId, i.reason])).toEqual([
      ['delete', wrong.objectMappingId, 'duplicate on the server'],
      ['delete', disabled.objectMappingId, 'duplicate on the server'],
    ]);
  });

  it('updates the first duplicate when none matches', () => {
    const first = server({ targetValue: 'A' });
    const second = server({ targetValue: 'B' });

    const plan = planSourceOrg('dev-tenant', [entry()], [first, second], true);

    expect(plan.items.map((i) => [i.action, i.objectMappingId])).toEqual([
      ['update', first.objectMappingId],
      ['delete', second.objectMappingId],
    ]);
  });

  it('counts kept duplicates without prune', () => {
    const plan = planSourceOrg('dev-tenant', [entry()], [server(), server(), server()], false);

    expect(plan.items).toEqual([]);
    expect(plan.duplicates).toBe(2);
    expect(plan.unmanaged).toBe(0);
  });

  it('deletes everything for an empty file with prune', () => {
    const plan = planSourceOrg('dev-tenant', [], [server(), server({ sourceValue: 'B' })], true);

    expect(countActions(plan.items)).toEqual({ create: 0, update: 0, delete: 2 });
    expect(plan.items.every((i) => i.result === 'planned')).toBe(true);
  });

  it('orders file changes before deletions', () => {
    const entries = [entry({ sourceValue: 'New' }), entry({ targetValue: 'Changed' })];

    const plan = planSourceOrg(
      'dev-tenant',
      entries,
      [server({ sourceValue: 'Old' }), server()],
      true,
    );

    expect(plan.items.map((i) => i.action)).toEqual(['create', 'update', 'delete']);
  });
});

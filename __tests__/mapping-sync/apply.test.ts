import type { ConfigHubClient } from '../../src/client/config-hub-client.js';
import { ConfigHubApiError } from '../../src/client/errors.js';
import { silentLogger } from '../../src/client/logger.js';
import type { JsonPatchOperation, ObjectMappingInput } from '../../src/client/types.js';
import {
  applySourceOrgPlan,
  ApplyError,
  patchOperations,
} from '../../src/operations/mapping-sync/apply.js';
import type { PlanItem, SourceOrgPlan } from '../../src/operations/mapping-sync/types.js';

/** Fake client that records calls and fails the calls a test picks. */
class FakeClient {
  calls: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  failCreateCall?: number;
  failDeleteId?: string;
  missingDeleteId?: string;

  async bulkCreateObjectMappings(sourceOrg: string, mappings: ObjectMappingInput[]) {
    this.calls.push(`create ${sourceOrg} ${mappings.length}`);
    if (this.calls.filter((c) => c.startsWith('create')).length === this.failCreateCall) {
      throw new Error('HTTP 500');
    }
    return [];
  }

  async bulkPatchObjectMappings(sourceOrg: string, patches: Record<string, JsonPatchOperation[]>) {
    this.calls.push(`patch ${sourceOrg} ${Object.keys(patches).length}`);
    return [];
  }

  async deleteObjectMapping(sourceOrg: string, id: string) {
    this.calls.push(`delete ${sourceOrg} ${id}`);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 2));
    this.inFlight -= 1;
    if (id === this.failDeleteId) {
      throw new Error('HTTP 500');
    }
    if (id === this.missingDeleteId) {
      throw new ConfigHubApiError({
        status: 404,
        operation: `Delete object mapping ${id}`,
        method: 'DELETE',
        path: `/object-mappings/${sourceOrg}/${id}`,
        messages: [],
      });
    }
  }
}

function item(action: PlanItem['action'], index: number): PlanItem {
  return {
    action,
    sourceOrg: 'dev-tenant',
    objectType: 'ROLE',
    jsonPath: '$.name',
    sourceValue: `Role ${index}`,
    targetValue: `Prod role ${index}`,
    enabled: true,
    objectMappingId: action === 'create' ? undefined : `id-${index}`,
    previous: action === 'update' ? { targetValue: 'Old', enabled: true } : undefined,
    result: 'planned',
  };
}

function planOf(items: PlanItem[]): SourceOrgPlan {
  return { sourceOrg: 'dev-tenant', listed: 0, items, unchanged: 0, unmanaged: 0, duplicates: 0 };
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}

function apply(client: FakeClient, plan: SourceOrgPlan, signal = new AbortController().signal) {
  return applySourceOrgPlan(plan, {
    client: client as unknown as ConfigHubClient,
    logger: silentLogger,
    signal,
  });
}

describe('applySourceOrgPlan', () => {
  it('sends creates in chunks of 25', async () => {
    const client = new FakeClient();
    const plan = planOf(range(60).map((i) => item('create', i)));

    await apply(client, plan);

    expect(client.calls).toEqual([
      'create dev-tenant 25',
      'create dev-tenant 25',
      'create dev-tenant 10',
    ]);
    expect(plan.items.every((i) => i.result === 'applied')).toBe(true);
  });

  it('sends patches in chunks of 50', async () => {
    const client = new FakeClient();

    await apply(client, planOf(range(120).map((i) => item('update', i))));

    expect(client.calls).toEqual([
      'patch dev-tenant 50',
      'patch dev-tenant 50',
      'patch dev-tenant 20',
    ]);
  });

  it('creates, then updates, then deletes', async () => {
    const client = new FakeClient();

    await apply(client, planOf([item('delete', 1), item('update', 2), item('create', 3)]));

    expect(client.calls).toEqual([
      'create dev-tenant 1',
      'patch dev-tenant 1',
      'delete dev-tenant id-1',
    ]);
  });

  it('runs at most 4 deletes at once', async () => {
    const client = new FakeClient();
    const plan = planOf(range(20).map((i) => item('delete', i)));

    await apply(client, plan);

    expect(client.calls).toHaveLength(20);
    expect(client.maxInFlight).toBe(4);
  });

  it('stops at a failed create chunk', async () => {
    const client = new FakeClient();
    client.failCreateCall = 2;
    const plan = planOf([...range(60).map((i) => item('create', i)), item('update', 99)]);

    const error = await apply(client, plan).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApplyError);
    expect((error as Error).message).toBe(
      'Bulk create 2 of 3 (25 mappings) in source org dev-tenant failed: HTTP 500',
    );
    expect(client.calls).toEqual(['create dev-tenant 25', 'create dev-tenant 25']);
    const results = plan.items.map((i) => i.result);
    expect(results.slice(0, 25).every((r) => r === 'applied')).toBe(true);
    expect(results.slice(25, 50).every((r) => r === 'failed')).toBe(true);
    expect(results.slice(50).every((r) => r === 'planned')).toBe(true);
  });

  it('starts no delete after a failure', async () => {
    const client = new FakeClient();
    client.failDeleteId = 'id-0';
    const plan = planOf(range(20).map((i) => item('delete', i)));

    await expect(apply(client, plan)).rejects.toThrow(
      'Delete of object mapping id-0 in source org dev-tenant failed',
    );

    // The three other workers finish the delete they had started, then stop.
    expect(client.calls).toHaveLength(4);
    expect(plan.items.filter((i) => i.result === 'failed')).toHaveLength(1);
    expect(plan.items.filter((i) => i.result === 'applied')).toHaveLength(3);
    expect(plan.items.filter((i) => i.result === 'planned')).toHaveLength(16);
  });

  it('counts a 404 delete as applied', async () => {
    const client = new FakeClient();
    client.missingDeleteId = 'id-1';
    const plan = planOf([item('delete', 1), item('delete', 2)]);

    await apply(client, plan);

    expect(plan.items.map((i) => i.result)).toEqual(['applied', 'applied']);
  });

  it('sends nothing once cancelled', async () => {
    const client = new FakeClient();
    const controller = new AbortController();
    controller.abort();
    const plan = planOf([item('create', 1), item('delete', 2)]);

    await expect(apply(client, plan, controller.signal)).rejects.toThrow('cancelled');

    expect(client.calls).toEqual([]);
    expect(plan.items.map((i) => i.result)).toEqual(['planned', 'planned']);
  });
});

describe('patchOperations', () => {
  it('replaces only changed fields', () => {
    const both = { ...item('update', 1), enabled: false };
    const enabledOnly = { ...item('update', 2), targetValue: 'Old', enabled: false };

    expect(patchOperations(both)).toEqual([
      { op: 'replace', path: '/targetValue', value: 'Prod role 1' },
      { op: 'replace', path: '/enabled', value: false },
    ]);
    expect(patchOperations(enabledOnly)).toEqual([
      { op: 'replace', path: '/enabled', value: false },
    ]);
  });
});

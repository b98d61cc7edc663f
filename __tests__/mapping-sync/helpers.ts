import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { type ActionRun, runAction } from '../helpers/action-runner.js';
import { EmulatorControl } from '../helpers/emulator-control.js';

/** A mapping as the file declares it and as the emulator stores it. */
export interface TestMapping {
  sourceOrg?: string;
  objectType: string;
  jsonPath: string;
  sourceValue: string;
  targetValue: string;
  enabled?: boolean;
}

export interface StoredMapping extends TestMapping {
  objectMappingId: string;
}

/** One request from the emulator's log. */
export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  body?: unknown;
}

export interface MappingTenant {
  emulator: RunningEmulator;
  control: EmulatorControl;
  connection: Record<string, string>;
}

export async function startMappingTenant(): Promise<MappingTenant> {
  const emulator = await startEmulator({ tenant: 'acme-prod' });
  return {
    emulator,
    control: new EmulatorControl(emulator.url),
    connection: {
      'base-url': emulator.url,
      'client-id': 'emulator-client-id',
      'client-secret': 'emulator-client-secret',
    },
  };
}

/** Writes `text` as the mappings file `name` in a new workspace and returns the workspace. */
export async function workspaceWithFile(name: string, text: string): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), 'mapping-sync-'));
  await writeFile(join(workspace, name), text);
  return workspace;
}

/** Writes the mappings as mappings.yml in a new workspace and returns the workspace. */
export function workspaceWithMappings(mappings: TestMapping[]): Promise<string> {
  return workspaceWithFile('mappings.yml', stringify({ mappings }));
}

/** Runs sync-mappings against the tenant with mappings.yml and any extra inputs. */
export function runSync(
  tenant: MappingTenant,
  workspace: string,
  inputs: Record<string, string> = {},
): Promise<ActionRun> {
  return runAction(
    {
      operation: 'sync-mappings',
      'mappings-file': 'mappings.yml',
      ...tenant.connection,
      ...inputs,
    },
    { workspace },
  );
}

/** Requests to the Configuration Hub API, without the token request. */
export async function apiRequests(tenant: MappingTenant): Promise<LoggedRequest[]> {
  return (await tenant.control.requests()).filter((request) => request.path !== '/oauth/token');
}

/** API requests that can change state: everything but GET. */
export async function writeRequests(tenant: MappingTenant): Promise<LoggedRequest[]> {
  return (await apiRequests(tenant)).filter((request) => request.method !== 'GET');
}

/** Reads the mappings that the emulator stores for one source org. */
export async function storedMappings(
  tenant: MappingTenant,
  sourceOrg: string,
): Promise<StoredMapping[]> {
  const state = await tenant.control.state();
  const all = state.objectMappings as Record<string, StoredMapping[]>;
  return all[sourceOrg] ?? [];
}

/** Mappings without ids and dates, sorted, for comparing a tenant with a file. */
export function comparable(mappings: TestMapping[]): string[] {
  return mappings
    .map((m) =>
      JSON.stringify([m.objectType, m.jsonPath, m.sourceValue, m.targetValue, m.enabled ?? true]),
    )
    .sort();
}

/** Builds `count` distinct GOVERNANCE_GROUP mappings named Group 0000, Group 0001 and so on. */
export function manyMappings(count: number, sourceOrg?: string): TestMapping[] {
  return Array.from({ length: count }, (_, index) => {
    const name = `Group ${String(index).padStart(4, '0')}`;
    return {
      ...(sourceOrg === undefined ? {} : { sourceOrg }),
      objectType: 'GOVERNANCE_GROUP',
      jsonPath: '$.name',
      sourceValue: `Dev ${name}`,
      targetValue: `Prod ${name}`,
      enabled: true,
    };
  });
}

/** Drops the sourceOrg field, which the emulator's seed does not take. */
export function forSeed(mappings: TestMapping[]): TestMapping[] {
  return mappings.map(({ sourceOrg: _sourceOrg, ...rest }) => rest);
}

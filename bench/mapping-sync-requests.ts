import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../emulator/index.js';
import { control, loggedRequests } from './emulator-control.js';
import { describeFailure, runAction } from './processes.js';
import type { BenchmarkFigures, Measurement } from './results-model.js';

/** Mappings in the file. */
export const MAPPING_COUNT = 1000;

const SOURCE_ORG = 'bench-source';
const OBJECT_TYPES = ['GOVERNANCE_GROUP', 'SOURCE', 'IDENTITY_PROFILE', 'ROLE'];
const ACTION_TIMEOUT_MS = 120_000;

interface Mapping {
  objectType: string;
  jsonPath: string;
  sourceValue: string;
  targetValue: string;
  enabled: boolean;
}

/** Builds MAPPING_COUNT distinct mappings. */
function declaredMappings(): Mapping[] {
  return Array.from({ length: MAPPING_COUNT }, (_, index) => ({
    objectType: OBJECT_TYPES[index % OBJECT_TYPES.length],
    jsonPath: '$.name',
    sourceValue: `Dev object ${index}`,
    targetValue: `Prod object ${index}`,
    enabled: true,
  }));
}

interface SyncCase {
  label: string;
  /** Mappings the org has before the run. */
  seeded: Mapping[];
  /** Mappings the file declares. */
  declared: Mapping[];
  /** Outputs the run must set, so a run that skipped work cannot pass for an efficient one. */
  expectedOutputs: Record<string, string>;
}

function syncCases(): SyncCase[] {
  const mappings = declaredMappings();
  const changed = mappings.map((mapping, index) =>
    index % 10 === 0 ? { ...mapping, targetValue: `${mapping.targetValue} (renamed)` } : mapping,
  );
  return [
    {
      label: 'empty org',
      seeded: [],
      declared: mappings,
      expectedOutputs: { created: String(MAPPING_COUNT), updated: '0' },
    },
    {
      label: '10% changed',
      seeded: mappings,
      declared: changed,
      expectedOutputs: { created: '0', updated: String(MAPPING_COUNT / 10) },
    },
    {
      label: 'unchanged',
      seeded: mappings,
      declared: mappings,
      expectedOutputs: { created: '0', updated: '0', unchanged: String(MAPPING_COUNT) },
    },
  ];
}

/**
 * Counts the Configuration Hub requests that `node dist/index.js` with operation sync-mappings
 * sends for 1,000 mappings, against one request per mapping.
 */
export async function measureMappingSyncRequests(): Promise<BenchmarkFigures> {
  const emulator = await startEmulator({ tenant: 'bench-target' });
  const workspace = await mkdtemp(join(tmpdir(), 'bench-mappings-'));
  const measurements: Measurement[] = [];
  try {
    for (const syncCase of syncCases()) {
      await control(emulator.url, 'POST', 'reset');
      if (syncCase.seeded.length > 0) {
        await control(emulator.url, 'POST', 'seed', {
          objectMappings: { [SOURCE_ORG]: syncCase.seeded },
        });
      }
      const declared = syncCase.declared.map((mapping) => ({ sourceOrg: SOURCE_ORG, ...mapping }));
      await writeFile(join(workspace, 'mappings.json'), JSON.stringify({ mappings: declared }));

      const run = await runAction(
        {
          operation: 'sync-mappings',
          'mappings-file': 'mappings.json',
          'base-url': emulator.url,
          'client-id': 'emulator-client-id',
          'client-secret': 'emulator-client-secret',
        },
        { workspace, timeoutMs: ACTION_TIMEOUT_MS },
      );
      if (run.exitCode !== 0) {
        throw new Error(`sync-mappings (${syncCase.label}) failed: ${describeFailure(run)}`);
      }
      for (const [name, value] of Object.entries(syncCase.expectedOutputs)) {
        if (run.outputs[name] !== value) {
          throw new Error(
            `sync-mappings (${syncCase.label}) set output ${name} to ${JSON.stringify(run.outputs[name])}, expected ${value}.`,
          );
        }
      }

      const requests = (await loggedRequests(emulator.url)).filter(
        (request) => request.path !== '/oauth/token',
      );
      const byKind = new Map<string, number>();
      for (const request of requests) {
        const last = request.path.split('/').at(-1) as string;
        const kind = `${request.method} ${last.startsWith('bulk-') ? last : 'object-mappings'}`;
        byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      }
      measurements.push({
        case: `1,000 mappings, ${syncCase.label}`,
        metric: 'API requests',
        unit: 'requests',
        ours: requests.length,
        baseline: MAPPING_COUNT,
        note: [...byKind].map(([kind, count]) => `${count} × ${kind}`).join(', '),
      });
    }
  } finally {
    await emulator.stop();
    await rm(workspace, { recursive: true, force: true });
  }
  return { baseline: 'one request per mapping, 1,000 in all', measurements };
}

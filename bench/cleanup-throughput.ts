/**
 * Measures cleanup throughput: seeds uploads into a local emulator at the
 * tenant's rate limit of 100 requests per 10 s, deletes them all with
 * `node dist/index.js`, and reports deletions per second and the number of
 * 429 responses. `npm run bench` runs it with 1,000 uploads; to run it alone,
 * build first (`npm run build`), then run
 * `node --import ./emulator/register.js bench/cleanup-throughput.ts [count]`.
 * The default of 1,000 uploads takes close to two minutes.
 */
import { pathToFileURL } from 'node:url';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../emulator/index.js';
import { control, loggedRequests } from './emulator-control.js';
import { describeFailure, runAction } from './processes.js';
import type { BenchmarkFigures } from './results-model.js';

export const DEFAULT_UPLOAD_COUNT = 1000;

/** The tenant's rate limit, which the emulator enforces: 100 requests per 10 s. */
const RATE_LIMIT = { limit: 100, windowMs: 10_000 };
const LIMIT_PER_SECOND = RATE_LIMIT.limit / (RATE_LIMIT.windowMs / 1000);

const DAY_MS = 86_400_000;

export interface CleanupThroughput {
  count: number;
  deleted: number;
  deleteRequests: number;
  rejected: number;
  requests: number;
  /** Spawn to exit of the Action, in milliseconds. */
  elapsedMs: number;
  /** First to last DELETE request, in milliseconds. */
  deleteSpanMs: number;
}

/** Seeds `count` COMPLETE uploads and deletes them all with operation cleanup. */
export async function runCleanupThroughput(count: number): Promise<CleanupThroughput> {
  const emulator = await startEmulator({ rateLimit: RATE_LIMIT });
  const workspace = await mkdtemp(join(tmpdir(), 'bench-cleanup-'));
  try {
    const now = Date.now();
    await control(emulator.url, 'POST', 'seed', {
      uploads: Array.from({ length: count }, (_, i) => ({
        name: `bench-${i}`,
        status: 'COMPLETE',
        created: new Date(now - 30 * DAY_MS - i * 1000).toISOString(),
      })),
    });

    const run = await runAction(
      {
        operation: 'cleanup',
        'base-url': emulator.url,
        'client-id': 'emulator-client-id',
        'client-secret': 'emulator-client-secret',
        'keep-latest': '0',
        'max-deletions': String(count),
      },
      { workspace, timeoutMs: count * 1_000 },
    );
    const deleted = Number(run.outputs.deleted ?? 0);
    if (run.exitCode !== 0 || deleted !== count) {
      throw new Error(`cleanup deleted ${deleted} of ${count} uploads: ${describeFailure(run)}`);
    }

    const requests = await loggedRequests(emulator.url);
    const deletes = requests.filter((request) => request.method === 'DELETE');
    const deleteTimes = deletes.map((request) => Date.parse(request.time));
    return {
      count,
      deleted,
      deleteRequests: deletes.length,
      rejected: requests.filter((request) => request.status === 429).length,
      requests: requests.length,
      elapsedMs: run.elapsedMs,
      deleteSpanMs: Math.max(...deleteTimes) - Math.min(...deleteTimes),
    };
  } finally {
    await emulator.stop();
    await rm(workspace, { recursive: true, force: true });
  }
}

/** Deletions per second of a 1,000-upload cleanup against the tenant's limit of 10 per second. */
export async function measureCleanupThroughput(): Promise<BenchmarkFigures> {
  const result = await runCleanupThroughput(DEFAULT_UPLOAD_COUNT);
  const wholeRunRate = result.deleted / (result.elapsedMs / 1000);
  const deleteSpanRate = (result.deleteRequests - 1) / (result.deleteSpanMs / 1000);
  return {
    baseline: 'the rate limit of 100 requests per 10 s, 10 per second',
    measurements: [
      {
        case: '1,000 upload deletions',
        metric: 'deletions per second, spawn to exit',
        unit: '/s',
        ours: wholeRunRate,
        baseline: LIMIT_PER_SECOND,
        note:
          `${(result.elapsedMs / 1000).toFixed(1)} s for the run, ${result.rejected} of ` +
          `${result.requests} requests answered 429`,
      },
      {
        case: '1,000 upload deletions',
        metric: 'deletions per second, first to last DELETE',
        unit: '/s',
        ours: deleteSpanRate,
        baseline: LIMIT_PER_SECOND,
      },
    ],
  };
}

async function main(): Promise<number> {
  const count = Number(process.argv[2] ?? DEFAULT_UPLOAD_COUNT);
  if (!Number.isInteger(count) || count < 1) {
    console.error(`The count "${process.argv[2]}" is invalid: give a positive integer.`);
    return 2;
  }

  console.log(`Deleting ${count} uploads at the emulator's limit of 100 requests per 10 s.`);
  const result = await runCleanupThroughput(count);
  console.log(
    `Deleted: ${result.deleted} of ${count}; DELETE requests sent: ${result.deleteRequests}.`,
  );
  console.log(`HTTP 429 responses: ${result.rejected} of ${result.requests} requests.`);
  console.log(
    `Whole run: ${(result.elapsedMs / 1000).toFixed(1)} s, ` +
      `${(result.deleted / (result.elapsedMs / 1000)).toFixed(2)} deletions per second.`,
  );
  if (result.deleteRequests > 1) {
    console.log(
      `First to last DELETE: ${(result.deleteSpanMs / 1000).toFixed(1)} s, ` +
        `${((result.deleteRequests - 1) / (result.deleteSpanMs / 1000)).toFixed(2)} deletions per second.`,
    );
  }
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}

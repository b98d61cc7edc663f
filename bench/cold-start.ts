import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../emulator/index.js';
import { control, loggedRequests } from './emulator-control.js';
import { writeExport } from './export-file.js';
import { ACTION_ENTRY, describeFailure, runAction, runNode } from './processes.js';
import { type BenchmarkFigures, median } from './results-model.js';

/** Timed runs of each command. One untimed round before them warms the file cache. */
export const RUNS = 15;

const RUN_TIMEOUT_MS = 30_000;

/** Times `node -e 0` from spawn to exit. */
async function timeEmptyNode(): Promise<number> {
  const run = await runNode(['-e', '0'], { timeoutMs: RUN_TIMEOUT_MS });
  if (run.exitCode !== 0) {
    throw new Error(`node -e 0 failed: ${describeFailure(run)}`);
  }
  return run.elapsedMs;
}

/**
 * Runs the timers in rounds, one untimed and then RUNS timed, and returns the median of each
 * timer. Each round runs every timer once, so a change in the machine's load affects all of
 * them alike.
 */
async function mediansOfRounds(timers: Array<() => Promise<number>>): Promise<number[]> {
  const results: number[][] = timers.map(() => []);
  for (let round = 0; round <= RUNS; round++) {
    for (const [index, timer] of timers.entries()) {
      const ms = await timer();
      if (round > 0) {
        results[index].push(ms);
      }
    }
  }
  return results.map(median);
}

/**
 * Measures how long `node dist/index.js` takes to send its first request and to finish a
 * validate run, against `node -e 0`, and the size of the bundle.
 */
export async function measureColdStart(): Promise<BenchmarkFigures> {
  const emulator = await startEmulator();
  const workspace = await mkdtemp(join(tmpdir(), 'bench-cold-start-'));
  try {
    const small = await writeExport(join(workspace, 'export.json'), 20 * 1024);
    const connection = {
      'base-url': emulator.url,
      'client-id': 'emulator-client-id',
      'client-secret': 'emulator-client-secret',
    };

    // The first request of a dry-run cleanup of an empty tenant is the token request.
    const timeToFirstRequest = async (): Promise<number> => {
      await control(emulator.url, 'DELETE', 'requests');
      const run = await runAction(
        { operation: 'cleanup', 'dry-run': 'true', ...connection },
        { workspace, timeoutMs: RUN_TIMEOUT_MS },
      );
      if (run.exitCode !== 0) {
        throw new Error(`The dry-run cleanup failed: ${describeFailure(run)}`);
      }
      const [first] = await loggedRequests(emulator.url);
      if (first === undefined) {
        throw new Error('The dry-run cleanup sent no request to the emulator.');
      }
      return Date.parse(first.time) - run.spawnedAt;
    };

    const timeValidate = async (): Promise<number> => {
      const run = await runAction(
        { operation: 'validate', 'config-path': 'export.json' },
        { workspace, timeoutMs: RUN_TIMEOUT_MS },
      );
      if (run.exitCode !== 0 || run.outputs['object-count'] !== String(small.objectCount)) {
        throw new Error(`validate failed: ${describeFailure(run)}`);
      }
      return run.elapsedMs;
    };

    const [emptyNodeMs, firstRequestMs, validateMs] = await mediansOfRounds([
      timeEmptyNode,
      timeToFirstRequest,
      timeValidate,
    ]);
    const bundleBytes = (await stat(ACTION_ENTRY)).size;

    return {
      baseline: 'node -e 0, spawn to exit',
      measurements: [
        {
          case: 'node dist/index.js',
          metric: 'spawn to first request',
          unit: 'ms',
          ours: firstRequestMs,
          baseline: emptyNodeMs,
          note: `median of ${RUNS} dry-run cleanups, whose first request is the token request`,
        },
        {
          case: 'node dist/index.js',
          metric: 'validate, spawn to exit',
          unit: 'ms',
          ours: validateMs,
          baseline: emptyNodeMs,
          note: `median of ${RUNS} runs on a ${small.objectCount}-object export`,
        },
        {
          case: 'dist/index.js',
          metric: 'bundle size',
          unit: 'KiB',
          ours: bundleBytes / 1024,
        },
      ],
    };
  } finally {
    await emulator.stop();
    await rm(workspace, { recursive: true, force: true });
  }
}

/**
 * Runs every benchmark against local emulators, prints one table, writes bench/results.json
 * and regenerates the figures in docs/BENCHMARKS.md. Run it with `npm run bench`. Add
 * `-- --only poll-lag,cold-start` to run some benchmarks and only print them. Each figure is a
 * ratio against a baseline measured in the same run. A failed benchmark is reported in its
 * row and the others still run.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureCleanupThroughput } from './cleanup-throughput.js';
import { measureColdStart } from './cold-start.js';
import { measureMappingSyncRequests } from './mapping-sync-requests.js';
import { measurePollLag } from './poll-lag.js';
import { ACTION_ENTRY, PROJECT_ROOT } from './processes.js';
import {
  describeMachine,
  machineInfo,
  renderMarkdownTable,
  renderNotes,
  renderTextTable,
  updateResultsSection,
} from './report.js';
import type { BenchmarkFigures, BenchmarkResult } from './results-model.js';
import { measureUploadMemory } from './upload-memory.js';

interface Benchmark {
  id: string;
  title: string;
  /** True when the benchmark runs `node dist/index.js`. */
  needsBundle: boolean;
  run: () => Promise<BenchmarkFigures>;
}

/** Benchmarks in run order. The longest, cleanup, comes last. */
const BENCHMARKS: Benchmark[] = [
  {
    id: 'poll-lag',
    title: 'Job detection (simulated)',
    needsBundle: false,
    run: measurePollLag,
  },
  { id: 'cold-start', title: 'Cold start', needsBundle: true, run: measureColdStart },
  {
    id: 'mapping-sync',
    title: 'Mapping sync requests',
    needsBundle: true,
    run: measureMappingSyncRequests,
  },
  { id: 'upload-memory', title: 'Upload memory', needsBundle: false, run: measureUploadMemory },
  {
    id: 'cleanup',
    title: 'Cleanup throughput',
    needsBundle: true,
    run: measureCleanupThroughput,
  },
];

const RESULTS_FILE = join(PROJECT_ROOT, 'bench', 'results.json');
const DOC_FILE = join(PROJECT_ROOT, 'docs', 'BENCHMARKS.md');

function selectBenchmarks(only: string | undefined): Benchmark[] {
  if (only === undefined) {
    return BENCHMARKS;
  }
  const ids = only.split(',').map((id) => id.trim());
  const unknown = ids.filter((id) => !BENCHMARKS.some((benchmark) => benchmark.id === id));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown benchmark id ${unknown.join(', ')} in --only: use ${BENCHMARKS.map((b) => b.id).join(', ')}.`,
    );
  }
  return BENCHMARKS.filter((benchmark) => ids.includes(benchmark.id));
}

/** Builds dist/index.js with `npm run build` when it is missing, as in a fresh clone. */
async function ensureBuilt(): Promise<void> {
  if (existsSync(ACTION_ENTRY)) {
    return;
  }
  console.log('dist/index.js is missing, so the Action is built first (npm run build).');
  const exitCode = await new Promise<number | null>((done, fail) => {
    const child = spawn('npm', ['run', 'build', '--silent'], {
      cwd: PROJECT_ROOT,
      stdio: 'inherit',
    });
    child.once('error', fail);
    child.once('close', done);
  });
  if (exitCode !== 0) {
    throw new Error(`npm run build failed with exit code ${exitCode}.`);
  }
}

/**
 * Runs one benchmark and turns any error into a failed result. `buildError` is the reason
 * dist/index.js is missing, which fails the benchmarks that need it.
 */
async function runBenchmark(
  benchmark: Benchmark,
  buildError: string | undefined,
): Promise<BenchmarkResult> {
  console.log(`Running ${benchmark.id}…`);
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    if (benchmark.needsBundle && buildError !== undefined) {
      throw new Error(`dist/index.js is missing because the build failed: ${buildError}`);
    }
    const figures = await benchmark.run();
    return { id: benchmark.id, title: benchmark.title, ...figures, seconds: seconds() };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.log(`${benchmark.id} failed: ${message}`);
    return {
      id: benchmark.id,
      title: benchmark.title,
      baseline: '',
      measurements: [],
      seconds: seconds(),
      error: message,
    };
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { only: { type: 'string' } } });
  const selected = selectBenchmarks(values.only);
  const machine = machineInfo();
  const started = performance.now();
  let buildError: string | undefined;
  if (selected.some((benchmark) => benchmark.needsBundle)) {
    try {
      await ensureBuilt();
    } catch (error) {
      buildError = error instanceof Error ? error.message : String(error);
      console.log(`The build failed, so the benchmarks that run dist/index.js fail: ${buildError}`);
    }
  }

  const results: BenchmarkResult[] = [];
  for (const benchmark of selected) {
    results.push(await runBenchmark(benchmark, buildError));
  }
  const totalSeconds = (performance.now() - started) / 1000;
  const finishedAt = new Date().toISOString();

  console.log(`\n${renderTextTable(results)}\n`);
  console.log(renderNotes(results));
  console.log(`\nMachine: ${describeMachine(machine)}.`);
  console.log(`Total time: ${totalSeconds.toFixed(1)} s.`);

  const failed = results.filter((result) => result.error !== undefined);
  if (values.only !== undefined) {
    console.log('A run with --only updates neither bench/results.json nor docs/BENCHMARKS.md.');
  } else {
    await writeFile(
      RESULTS_FILE,
      `${JSON.stringify({ finishedAt, totalSeconds, machine, results }, null, 2)}\n`,
    );
    const section = [
      `Run finished ${finishedAt} in ${totalSeconds.toFixed(0)} s on ${describeMachine(machine)}.`,
      '',
      renderMarkdownTable(results),
      '',
      renderNotes(results, true),
    ].join('\n');
    await updateResultsSection(DOC_FILE, section);
    console.log('Wrote bench/results.json and the figures in docs/BENCHMARKS.md.');
  }
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = await main();

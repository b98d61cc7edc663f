import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../emulator/index.js';
import { control, fetchAccessToken } from './emulator-control.js';
import { writeExport, type GeneratedExport } from './export-file.js';
import { describeFailure, PROJECT_ROOT, runTypeScript } from './processes.js';
import type { BenchmarkFigures, Measurement } from './results-model.js';
import type { UploadChildReport } from './upload-child.js';

/** Export sizes uploaded, in MiB. */
export const EXPORT_MIB = [10, 50, 100];

const MIB = 1024 * 1024;
const CHILD_TIMEOUT_MS = 120_000;

interface StateUpload {
  jobId: string;
  status: string;
  objectCount: number;
}

/**
 * Uploads `file` in a child process with one uploader and checks that the emulator parsed the
 * whole export, so a truncated or failed upload cannot pass for a cheap one.
 */
async function uploadInChild(
  uploader: 'ours' | 'sdk',
  baseUrl: string,
  file: GeneratedExport,
): Promise<UploadChildReport> {
  const env: Record<string, string> = {
    BENCH_UPLOADER: uploader,
    BENCH_FILE: file.path,
    BENCH_BASE_URL: baseUrl,
  };
  if (uploader === 'sdk') {
    env.BENCH_ACCESS_TOKEN = await fetchAccessToken(baseUrl);
  }
  const run = await runTypeScript('bench/upload-child.ts', { env, timeoutMs: CHILD_TIMEOUT_MS });
  if (run.exitCode !== 0) {
    throw new Error(`The ${uploader} upload of ${file.path} failed: ${describeFailure(run)}`);
  }
  const report = JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as UploadChildReport;

  const state = (await control(baseUrl, 'GET', 'state')) as { uploads: StateUpload[] };
  const upload = state.uploads.find((item) => item.jobId === report.jobId);
  if (
    upload === undefined ||
    upload.status === 'FAILED' ||
    upload.objectCount !== file.objectCount
  ) {
    throw new Error(
      `The ${uploader} upload ${report.jobId} did not arrive whole: the emulator has ` +
        `${JSON.stringify(upload)}, expected ${file.objectCount} objects.`,
    );
  }
  // Drop the parsed export from the emulator before the next upload.
  await control(baseUrl, 'POST', 'reset');
  return report;
}

/** Returns the installed SDK's name and version, such as sailpoint-api-client 1.4.15. */
async function sdkVersion(): Promise<string> {
  const manifest = join(PROJECT_ROOT, 'node_modules', 'sailpoint-api-client', 'package.json');
  const { name, version } = JSON.parse(await readFile(manifest, 'utf8')) as {
    name: string;
    version: string;
  };
  return `${name} ${version}`;
}

/**
 * Measures the peak RSS of one upload of generated 10, 50 and 100 MiB exports with the
 * project's client and with the official SDK, each in its own child process.
 */
export async function measureUploadMemory(): Promise<BenchmarkFigures> {
  const folder = await mkdtemp(join(tmpdir(), 'bench-exports-'));
  const emulator = await startEmulator({ durations: { uploadMs: 0, hydrationMs: 0 } });
  const measurements: Measurement[] = [];
  try {
    for (const mib of EXPORT_MIB) {
      const file = await writeExport(join(folder, `export-${mib}mib.json`), mib * MIB);
      const ours = await uploadInChild('ours', emulator.url, file);
      const sdk = await uploadInChild('sdk', emulator.url, file);
      await rm(file.path, { force: true });

      const label = `${mib} MiB export`;
      const toMib = (bytes: number) => bytes / MIB;
      measurements.push(
        {
          case: label,
          metric: 'peak RSS',
          unit: 'MiB',
          ours: toMib(ours.maxRssBytes),
          baseline: toMib(sdk.maxRssBytes),
          note:
            `${file.objectCount} objects in ${(file.bytes / MIB).toFixed(1)} MiB. The upload took ` +
            `${(ours.uploadMs / 1000).toFixed(2)} s with ours and ${(sdk.uploadMs / 1000).toFixed(2)} s with the SDK`,
        },
        {
          case: label,
          metric: 'RSS growth during the upload',
          unit: 'MiB',
          ours: toMib(ours.maxRssBytes - ours.rssBeforeBytes),
          baseline: toMib(sdk.maxRssBytes - sdk.rssBeforeBytes),
        },
      );
    }
  } finally {
    await emulator.stop();
    await rm(folder, { recursive: true, force: true });
  }
  return { baseline: `official TypeScript SDK, ${await sdkVersion()}`, measurements };
}

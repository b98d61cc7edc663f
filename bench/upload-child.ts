/**
 * Uploads one export to the emulator with the project's client or with the official SDK, then
 * prints one JSON line with this process's memory figures. bench/upload-memory.ts starts it
 * once per upload, so each peak RSS belongs to a single upload.
 *
 * Environment: BENCH_UPLOADER (ours or sdk), BENCH_FILE (the export), BENCH_BASE_URL (the
 * emulator), and for sdk BENCH_ACCESS_TOKEN (a token the emulator issued).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import type { AxiosStatic } from 'axios';
import { ConfigHubClient } from '../src/client/config-hub-client.js';

/** Report line that the child prints on success. */
export interface UploadChildReport {
  uploader: 'ours' | 'sdk';
  jobId: string;
  /** RSS after the uploader's modules loaded and before the upload began, in bytes. */
  rssBeforeBytes: number;
  /** Peak RSS of the whole process (getrusage maxrss), in bytes. */
  maxRssBytes: number;
  uploadMs: number;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`The environment variable ${name} is missing.`);
  }
  return value;
}

/** Uploads a file and returns the upload's job id. */
type Uploader = (file: string) => Promise<string>;

function prepareOurClient(baseUrl: string): Uploader {
  const client = new ConfigHubClient({
    baseUrl,
    apiVersion: 'v2024',
    credentials: {
      kind: 'client-credentials',
      clientId: 'emulator-client-id',
      clientSecret: 'emulator-client-secret',
    },
  });
  return async (file) => {
    try {
      const upload = await client.createUpload({ path: file }, 'Benchmark upload (ours)');
      return upload.jobId;
    } finally {
      client.close();
    }
  };
}

function prepareSdk(baseUrl: string, accessToken: string): Uploader {
  // The SDK and this guard must share the CommonJS axios instance that the SDK calls through.
  const require = createRequire(import.meta.url);
  const sdk = require('sailpoint-api-client') as typeof import('sailpoint-api-client');
  const axios = require('axios') as AxiosStatic;
  const allowedOrigin = new URL(baseUrl).origin;
  axios.interceptors.request.use((config) => {
    const target = new URL(config.url ?? '', config.baseURL);
    if (target.origin !== allowedOrigin) {
      throw new Error(
        `The SDK request to ${target.origin} was blocked because only ${allowedOrigin} is allowed.`,
      );
    }
    return config;
  });

  // With an access token given, Configuration reads no file or variable and fetches no token.
  // The SDK sends every call to basePath + "/v2024" + the operation's path.
  const configuration = new sdk.Configuration({ baseurl: baseUrl, accessToken });
  const api = new sdk.ConfigurationHubV2024Api(configuration);

  return async (file) => {
    // The SDK takes the file as a File, so the whole export is read into memory first.
    const data = new File([await readFile(file)], basename(file), { type: 'application/json' });
    const response = await api.createUploadedConfiguration({
      data,
      name: 'Benchmark upload (SDK)',
    });
    if (response.status !== 202 || typeof response.data.jobId !== 'string') {
      throw new Error(`The SDK upload returned HTTP ${response.status} without a jobId.`);
    }
    return response.data.jobId;
  };
}

async function main(): Promise<void> {
  const uploader = requireEnv('BENCH_UPLOADER');
  const file = requireEnv('BENCH_FILE');
  const baseUrl = requireEnv('BENCH_BASE_URL');
  if (uploader !== 'ours' && uploader !== 'sdk') {
    throw new Error(`BENCH_UPLOADER must be ours or sdk, not ${JSON.stringify(uploader)}.`);
  }
  const upload =
    uploader === 'ours'
      ? prepareOurClient(baseUrl)
      : prepareSdk(baseUrl, requireEnv('BENCH_ACCESS_TOKEN'));

  const rssBeforeBytes = process.memoryUsage().rss;
  const started = performance.now();
  const jobId = await upload(file);
  const report: UploadChildReport = {
    uploader,
    jobId,
    rssBeforeBytes,
    // getrusage reports maxrss in kilobytes on Linux.
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    uploadMs: performance.now() - started,
  };
  console.log(JSON.stringify(report));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOutputFile } from '../__tests__/helpers/action-runner.js';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ACTION_ENTRY = join(PROJECT_ROOT, 'dist', 'index.js');

/** Loader that lets plain node run TypeScript files. */
const TYPESCRIPT_LOADER = join(PROJECT_ROOT, 'emulator', 'register.js');

export interface ProcessRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Date.now() just before the spawn, in milliseconds. */
  spawnedAt: number;
  /** Time from the spawn to the exit, in milliseconds. */
  elapsedMs: number;
}

/**
 * Environment of every child: PATH and the given variables only. No proxy variable is passed
 * on, so HTTP clients in the child connect to the loopback emulator directly.
 */
function childEnv(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', NO_PROXY: '127.0.0.1,localhost', ...extra };
}

/** Runs `node` with the arguments and kills it after `timeoutMs`. */
export async function runNode(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; timeoutMs: number },
): Promise<ProcessRun> {
  const spawnedAt = Date.now();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: childEnv(options.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  const exitCode = await new Promise<number | null>((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => done(code));
  });
  clearTimeout(killer);
  return { exitCode, stdout, stderr, spawnedAt, elapsedMs: performance.now() - started };
}

/** Runs a TypeScript file of this repository with `node` and the tsx loader. */
export function runTypeScript(
  file: string,
  options: { env?: Record<string, string>; timeoutMs: number },
): Promise<ProcessRun> {
  return runNode(['--import', TYPESCRIPT_LOADER, join(PROJECT_ROOT, file)], options);
}

export interface ActionRun extends ProcessRun {
  /** Outputs the step set, from its GITHUB_OUTPUT file. */
  outputs: Record<string, string>;
}

/**
 * Runs `node dist/index.js` as a runner does: inputs as INPUT_* variables, a GITHUB_OUTPUT and
 * a GITHUB_STEP_SUMMARY file, and `workspace` as GITHUB_WORKSPACE and working folder. The
 * pull-request comment is off and no GitHub token or event is passed, so the emulator is the
 * only host the Action can reach.
 */
export async function runAction(
  inputs: Record<string, string>,
  options: { workspace: string; timeoutMs: number },
): Promise<ActionRun> {
  const scratch = await mkdtemp(join(tmpdir(), 'bench-action-'));
  try {
    const outputFile = join(scratch, 'output');
    const summaryFile = join(scratch, 'summary.md');
    await writeFile(outputFile, '');
    await writeFile(summaryFile, '');
    const env: Record<string, string> = {
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_REPOSITORY: 'bench/identity-config',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      GITHUB_RUN_NUMBER: '1',
    };
    for (const [name, value] of Object.entries({ 'pr-comment': 'never', ...inputs })) {
      env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
    }
    const run = await runNode([ACTION_ENTRY], {
      env,
      cwd: options.workspace,
      timeoutMs: options.timeoutMs,
    });
    return { ...run, outputs: parseOutputFile(await readFile(outputFile, 'utf8')) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Describes a failed action run with the end of its output, for an error message. */
export function describeFailure(run: ProcessRun): string {
  const tail = (run.stdout + run.stderr).trim().split('\n').slice(-8).join('\n');
  return `exit code ${run.exitCode}; last output:\n${tail}`;
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ACTION_ENTRY = join(PROJECT_ROOT, 'dist', 'index.js');

export interface ActionRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The `result` output parsed, or undefined when it is missing. */
  result: Record<string, unknown> | undefined;
}

export interface RunOptions {
  /** Folder used as GITHUB_WORKSPACE; a new empty one by default. */
  workspace?: string;
  env?: Record<string, string>;
  /** Called once the process has started, for tests that signal it. */
  onStart?: (child: ChildProcess) => void;
  /** The process is killed after this long, in milliseconds. */
  killAfterMs?: number;
}

/**
 * Runs `node dist/index.js` as the runner does: inputs as INPUT_* variables,
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and GITHUB_WORKSPACE.
 */
export async function runAction(
  inputs: Record<string, string>,
  options: RunOptions = {},
): Promise<ActionRun> {
  const scratch = await mkdtemp(join(tmpdir(), 'action-run-'));
  const outputFile = join(scratch, 'output');
  const summaryFile = join(scratch, 'summary.md');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const workspace = options.workspace ?? (await mkdtemp(join(tmpdir(), 'workspace-')));

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'acme/identity-config',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_RUN_ID: '42',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_SERVER_URL: 'https://github.example',
    ...options.env,
  };
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }

  const child = spawn(process.execPath, [ACTION_ENTRY], {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  options.onStart?.(child);
  const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 60_000);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) =>
    child.on('close', (code, sig) => done([code, sig])),
  );
  clearTimeout(killer);

  const outputs = parseOutputFile(await readFile(outputFile, 'utf8'));
  let result: Record<string, unknown> | undefined;
  if (outputs.result) {
    result = JSON.parse(outputs.result) as Record<string, unknown>;
  }
  return {
    exitCode,
    signal,
    stdout,
    stderr,
    outputs,
    summary: await readFile(summaryFile, 'utf8'),
    result,
  };
}

/** Parses the runner's output file, where each value is written as `name<<DELIMITER ... DELIMITER`. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = lines[i].match(/^([^<=]+)<<(.+)$/);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) {
        value.push(lines[i]);
      }
      outputs[name] = value.join('\n');
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=');
      outputs[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return outputs;
}

/** Collects the `::error` and `::warning` commands the Action printed. */
export function annotations(
  stdout: string,
): Array<{ kind: string; properties: string; message: string }> {
  const found: Array<{ kind: string; properties: string; message: string }> = [];
  for (const line of stdout.split('\n')) {
    const match = line.match(/^::(error|warning|notice)( [^:]*)?::(.*)$/);
    if (match) {
      found.push({ kind: match[1], properties: (match[2] ?? '').trim(), message: match[3] });
    }
  }
  return found;
}

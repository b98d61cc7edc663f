import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const READY_LINE = /^Configuration Hub emulator listening on http:\/\/127\.0\.0\.1:(\d+)$/;

function startCli(
  args: string[],
  env: Record<string, string> = {},
): ChildProcessWithoutNullStreams {
  return spawn(
    process.execPath,
    ['--import', './emulator/register.js', 'emulator/cli.ts', ...args],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NODE_OPTIONS: '', ...env },
    },
  );
}

/** Collects a stream's text until the process exits. */
function collect(stream: NodeJS.ReadableStream): { text: string } {
  const output = { text: '' };
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (output.text += chunk));
  return output;
}

async function waitForLine(output: { text: string }, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!output.text.includes('\n') && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
  }
  return output.text.split('\n')[0];
}

describe('emulator CLI', () => {
  it('prints only the ready line and stops on SIGTERM', async () => {
    const child = startCli(['--port', '0'], {
      EMULATOR_CLIENT_ID: 'env-id',
      EMULATOR_CLIENT_SECRET: 'env-secret',
    });
    const stdout = collect(child.stdout);
    collect(child.stderr);
    try {
      const line = await waitForLine(stdout);
      const match = READY_LINE.exec(line);
      expect(match).not.toBeNull();

      const response = await fetch(`http://127.0.0.1:${match![1]}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: 'env-id',
          client_secret: 'env-secret',
        }),
      });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    } finally {
      const exited = once(child, 'exit');
      process.kill(child.pid!, 'SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
    }
    expect(stdout.text.trimEnd().split('\n')).toHaveLength(1);
  });

  it('rejects a host that is not loopback', async () => {
    const child = startCli(['--host', '0.0.0.0']);
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stdout.text).toBe('');
    expect(stderr.text).toContain('not a loopback address');
  });

  it('prints usage for --help', async () => {
    const child = startCli(['--help']);
    const stdout = collect(child.stdout);
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(stdout.text).toContain('--port N');
    expect(stdout.text).toContain('--token-lifetime SECONDS');
  });
});

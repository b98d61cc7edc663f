/**
 * Promotes the sample export in demo/config to a local emulator with
 * `node dist/index.js`, exactly as a runner would, then prints the step's
 * outputs and job summary. Run it with `npm run demo`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../emulator/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<number> {
  const emulator = await startEmulator({ tenant: 'acme-dev' });
  console.log(`Started the Configuration Hub emulator at ${emulator.url}.`);

  const scratch = await mkdtemp(join(tmpdir(), 'config-hub-demo-'));
  const outputFile = join(scratch, 'output');
  const summaryFile = join(scratch, 'summary.md');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');

  const inputs: Record<string, string> = {
    operation: 'promote',
    'base-url': emulator.url,
    'client-id': 'emulator-client-id',
    'client-secret': 'emulator-client-secret',
    'config-path': 'demo/config',
    'mappings-file': 'demo/mappings.yml',
    'source-tenant': 'acme-dev',
    'upload-name': 'Demo promotion',
    timeout: '5m',
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GITHUB_WORKSPACE: root,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
  };
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.toUpperCase()}`] = value;
  }

  console.log('Running node dist/index.js with operation promote on demo/config:\n');
  const exitCode = await new Promise<number>((done) => {
    const child = spawn(process.execPath, [join(root, 'dist', 'index.js')], {
      cwd: root,
      env,
      stdio: 'inherit',
    });
    child.on('close', (code) => done(code ?? 1));
  });
  await emulator.stop();

  console.log('\n=== Outputs ===');
  const outputs = await readFile(outputFile, 'utf8');
  for (const match of outputs.matchAll(/^([^<\n]+)<<(.+)\n([\s\S]*?)\n\2$/gm)) {
    const [, name, , value] = match;
    console.log(`${name}: ${name === 'result' ? `${value.slice(0, 200)}...` : value}`);
  }
  console.log('\n=== Job summary ===');
  console.log(await readFile(summaryFile, 'utf8'));
  console.log(
    exitCode === 0
      ? 'The demo deployed the sample export.'
      : `The Action exited with code ${exitCode}.`,
  );
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

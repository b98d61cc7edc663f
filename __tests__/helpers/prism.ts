import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from './action-runner.js';

export const SPEC_DIR = resolve(PROJECT_ROOT, '..', 'shared', 'specs');
export const PRISM_CLI = resolve(
  PROJECT_ROOT,
  'node_modules',
  '@stoplight',
  'prism-cli',
  'dist',
  'index.js',
);
export const HAVE_SPECS = existsSync(join(SPEC_DIR, 'configuration-hub.v2024.json'));
export const HAVE_PRISM = existsSync(PRISM_CLI);

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

type OpenApiParameter = { in: string; name: string };
type OpenApiSpec = {
  paths: Record<string, Record<string, { parameters?: OpenApiParameter[] }>>;
  components?: { securitySchemes?: Record<string, unknown> };
};

/**
 * Writes a copy of a definition that Prism can apply, with two defects of the
 * published definitions repaired, and returns its path:
 * - The v1 definition names the `userAuth` scheme in its security
 *   requirements but defines no securitySchemes, so Prism would reject every
 *   bearer token. The copy borrows the scheme from the v2024 definition.
 * - The year-versioned definitions name the scheduled-action path parameter
 *   `scheduledActionId` while the path template says `{id}`, so no request
 *   could match. The copy renames the parameter to the template's name.
 */
export function specForPrism(specFile: string, workDir: string): string {
  const spec = JSON.parse(readFileSync(join(SPEC_DIR, specFile), 'utf8')) as OpenApiSpec;
  if (spec.components?.securitySchemes?.userAuth === undefined) {
    const reference = JSON.parse(
      readFileSync(join(SPEC_DIR, 'configuration-hub.v2024.json'), 'utf8'),
    ) as OpenApiSpec;
    spec.components = {
      ...spec.components,
      securitySchemes: reference.components?.securitySchemes,
    };
  }
  for (const [path, operations] of Object.entries(spec.paths)) {
    const templateNames = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const operation of Object.values(operations)) {
      const pathParameters = (operation.parameters ?? []).filter((p) => p.in === 'path');
      const unknown = pathParameters.filter((p) => !templateNames.includes(p.name));
      const unused = templateNames.filter((name) => !pathParameters.some((p) => p.name === name));
      if (unknown.length === 1 && unused.length === 1) {
        unknown[0].name = unused[0];
      }
    }
  }
  const file = join(workDir, specFile);
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

/**
 * Starts Prism (`mock` or `proxy`) on a free loopback port and waits for its
 * ready line. `args` may include --errors, which turns violations into error responses.
 */
export async function startPrism(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [PRISM_CLI, ...args, '--port', String(port), '--host', '127.0.0.1'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  let output = '';
  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Prism did not start within 30 s:\n${output}`)),
      30_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Prism is listening on')) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with code ${code}:\n${output}`));
    });
  });
  // Prism logs every request; the output is read and dropped so its pipe never fills.
  child.stdout!.removeAllListeners('data').resume();
  child.stderr!.removeAllListeners('data').resume();
  return { child, url: `http://127.0.0.1:${port}` };
}

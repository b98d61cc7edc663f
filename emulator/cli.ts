import { isIP } from 'node:net';
import { parseArgs } from 'node:util';

import { startEmulator } from './index.js';

const USAGE = `Usage: npm run emulator -- [options]

Runs an in-memory SailPoint ISC Configuration Hub for tests and offline trials.

Options:
  --port N                 Port to listen on; 0 picks a free port (default 0).
  --host H                 Loopback address to listen on (default 127.0.0.1).
  --tenant NAME            Tenant name reported in jobs and tokens (default emulator).
  --client-id ID           Client id that POST /oauth/token accepts
                           (default $EMULATOR_CLIENT_ID, else emulator-client-id).
  --client-secret SECRET   Client secret that POST /oauth/token accepts
                           (default $EMULATOR_CLIENT_SECRET, else emulator-client-secret).
  --token-lifetime SECONDS Lifetime of access tokens in seconds (default 749).
  --help                   Print this help.

When ready it prints one line to stdout with its URL. Stop it with Ctrl+C (SIGINT) or SIGTERM.`;

/** Returns true for 127.0.0.0/8, ::1 and localhost, the only hosts the emulator listens on. */
function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

function fail(message: string): never {
  console.error(`emulator: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseNumber(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) {
    fail(`${flag} must be an integer >= ${min}, not "${value}".`);
  }
  return number;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        tenant: { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        'token-lifetime': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }

  const host = (values.host ?? '127.0.0.1').replace(/^\[(.*)\]$/, '$1');
  if (!isLoopback(host)) {
    fail(`--host ${host} is not a loopback address; use 127.0.0.1, ::1 or localhost.`);
  }
  const port = parseNumber(values.port, '--port', 0);
  if (port !== undefined && port > 65535) fail(`--port must be at most 65535, not ${port}.`);

  const running = await startEmulator({
    host,
    port,
    tenant: values.tenant,
    clientId: values['client-id'] ?? process.env.EMULATOR_CLIENT_ID,
    clientSecret: values['client-secret'] ?? process.env.EMULATOR_CLIENT_SECRET,
    tokenLifetimeSeconds: parseNumber(values['token-lifetime'], '--token-lifetime', 1),
  });
  console.log(`Configuration Hub emulator listening on ${running.url}`);

  const shutdown = (signal: string) => {
    console.error(`emulator: ${signal} received, stopping`);
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('emulator: stop failed:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('emulator: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

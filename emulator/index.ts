import type { AddressInfo } from 'node:net';

import { Emulator } from './emulator.js';
import type { EmulatorOptions } from './options.js';
import { createEmulatorServer } from './server.js';

export type { EmulatorDurations, EmulatorOptions, RateLimit } from './options.js';

export interface RunningEmulator {
  /** Base URL, such as http://127.0.0.1:40123, without a trailing slash. */
  url: string;
  port: number;
  /** Closes the server and every open connection. */
  stop(): Promise<void>;
}

/** Starts an in-memory Configuration Hub tenant on a loopback port. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const { server, stop } = createEmulatorServer(new Emulator(options));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${urlHost}:${port}`, port, stop };
}

/**
 * Measures cleanup throughput: seeds uploads into a local emulator at the
 * tenant's rate limit of 100 requests per 10 s, deletes them all with
 * `node dist/index.js`, and prints deletions per second and the number of
 * 429 responses. Build first (`npm run build`), then run
 * `node --import ./emulator/register.js bench/cleanup-throughput.ts [count]`.
 * The default of 1,000 uploads takes close to two minutes.
 */
import { startEmulator } from '../emulator/index.js';
import { runAction } from '../__tests__/helpers/action-runner.js';
import { EmulatorControl } from '../__tests__/helpers/emulator-control.js';

const DAY_MS = 86_400_000;

async function main(): Promise<number> {
  const count = Number(process.argv[2] ?? 1000);
  if (!Number.isInteger(count) || count < 1) {
    console.error(`The count "${process.argv[2]}" is not a positive whole number.`);
    return 2;
  }

  const emulator = await startEmulator({ rateLimit: { limit: 100, windowMs: 10_000 } });
  try {
    const control = new EmulatorControl(emulator.url);
    const now = Date.now();
    await control.seed({
      uploads: Array.from({ length: count }, (_, i) => ({
        name: `bench-${i}`,
        status: 'COMPLETE',
        created: new Date(now - 30 * DAY_MS - i * 1000).toISOString(),
      })),
    });

    console.log(`Deleting ${count} uploads at the emulator's limit of 100 requests per 10 s.`);
    const started = Date.now();
    const outcome = await runAction(
      {
        operation: 'cleanup',
        'base-url': emulator.url,
        'client-id': 'emulator-client-id',
        'client-secret': 'emulator-client-secret',
        'keep-latest': '0',
        'max-deletions': String(count),
      },
      { killAfterMs: count * 1_000 },
    );
    const elapsedMs = Date.now() - started;

    const requests = await control.requests();
    const deletes = requests.filter((request) => request.method === 'DELETE');
    const deleteTimes = deletes.map((request) =>
      Date.parse((request as { time?: string }).time ?? ''),
    );
    const deleteSpanMs = Math.max(...deleteTimes) - Math.min(...deleteTimes);
    const rejected = requests.filter((request) => request.status === 429).length;
    const deleted = Number(outcome.outputs.deleted ?? 0);

    console.log(`Exit code: ${outcome.exitCode}; status: ${outcome.outputs.status}.`);
    console.log(`Deleted: ${deleted} of ${count}; DELETE requests sent: ${deletes.length}.`);
    console.log(`HTTP 429 responses: ${rejected} of ${requests.length} requests.`);
    console.log(
      `Whole run: ${(elapsedMs / 1000).toFixed(1)} s, ` +
        `${(deleted / (elapsedMs / 1000)).toFixed(2)} deletions per second.`,
    );
    if (deletes.length > 1) {
      console.log(
        `First to last DELETE: ${(deleteSpanMs / 1000).toFixed(1)} s, ` +
          `${((deletes.length - 1) / (deleteSpanMs / 1000)).toFixed(2)} deletions per second.`,
      );
    }
    return outcome.exitCode === 0 && deleted === count ? 0 : 1;
  } finally {
    await emulator.stop();
  }
}

process.exitCode = await main();

import * as core from '@actions/core';
import { run } from './main.js';

let settled = false;

// Node exits when nothing is left to wait for. If that happens before run()
// settles (a promise that can never resolve), the step must not pass silently.
process.on('beforeExit', () => {
  if (!settled) {
    settled = true;
    core.setFailed(
      'isc-config-hub: the run stopped before it finished, so its result is unknown. Check the log, then run it again.',
    );
  }
});

run()
  .catch((error: unknown) => {
    if (error instanceof Error && error.stack) {
      core.debug(error.stack);
    }
    core.setFailed(`isc-config-hub: ${error instanceof Error ? error.message : String(error)}`);
  })
  .finally(() => {
    settled = true;
  });

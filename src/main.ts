import * as core from '@actions/core';

export async function run(): Promise<void> {
  core.setFailed('isc-config-hub: no operation is implemented yet.');
}

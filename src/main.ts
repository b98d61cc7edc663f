import * as core from '@actions/core';
import { type Clock, systemClock } from './client/clock.js';
import { ConfigHubClient } from './client/config-hub-client.js';
import { ConfigHubApiError, ConfigHubNetworkError } from './client/errors.js';
import {
  OperationError,
  type OperationContext,
  type OperationLogger,
  type RunResult,
} from './operations/context.js';
import { runOperation } from './operations/index.js';
import { PollTimeoutError } from './operations/poller.js';
import { annotateFindings } from './reporting/annotations.js';
import { setOutputs } from './reporting/outputs.js';
import { publishPullRequestComment } from './reporting/pr-comment.js';
import { renderInvalidInputSummary, renderSummary } from './reporting/summary.js';
import { InputError } from './settings/parse.js';
import { readSettings, type Settings } from './settings/settings.js';

const ERROR_PREFIX = 'isc-config-hub';

/**
 * Time given to clean-up steps (such as deleting a scheduled action) after a
 * cancellation. The runner sends SIGINT, then SIGTERM 7.5 s later.
 */
const CANCEL_GRACE_MS = 5_000;

const coreLogger: OperationLogger = {
  debug: (message) => core.debug(message),
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  group: (name, body) => core.group(name, body),
};

/** Runs the Action: reads the inputs, runs the operation, and reports the result. */
export async function run(clock: Clock = systemClock): Promise<void> {
  const result: RunResult = {
    operation: core.getInput('operation') || 'unknown',
    status: 'FAILED',
    message: '',
    phases: [],
    findings: [],
  };

  let settings: Settings;
  try {
    settings = readSettings((name) => core.getInput(name), process.env);
  } catch (error) {
    if (!(error instanceof InputError)) {
      throw error;
    }
    result.status = 'INVALID_INPUT';
    result.message = error.message;
    setOutputs(result);
    core.setFailed(`${ERROR_PREFIX}: ${error.message}`);
    if (process.env.GITHUB_STEP_SUMMARY) {
      await core.summary.addRaw(renderInvalidInputSummary(result.operation, error.message)).write();
    }
    return;
  }
  const credentials = settings.connection?.credentials;
  if (credentials) {
    core.setSecret(
      credentials.kind === 'access-token' ? credentials.accessToken : credentials.clientSecret,
    );
  }
  if (settings.pullRequestComment.token) {
    core.setSecret(settings.pullRequestComment.token);
  }
  result.tenant = settings.tenantLabel;
  logSettings(settings);

  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    core.warning(`Received ${signal}: the workflow was cancelled, so the wait stops now.`);
    controller.abort(new Error(`cancelled by ${signal}`));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);

  const client = settings.connection
    ? new ConfigHubClient({
        ...settings.connection,
        clock,
        logger: coreLogger,
        maskSecret: (secret) => core.setSecret(secret),
      })
    : undefined;
  const context: OperationContext = {
    settings,
    client,
    clock,
    logger: coreLogger,
    signal: controller.signal,
    result,
  };

  const operation = runOperation(context);
  const cancelled = new Promise<'cancelled'>((resolve) =>
    controller.signal.addEventListener('abort', () => resolve('cancelled'), { once: true }),
  );
  try {
    const outcome = await Promise.race([operation.then(() => 'done' as const), cancelled]);
    if (outcome === 'cancelled') {
      await Promise.race([
        operation.catch(() => undefined),
        new Promise((r) => setTimeout(r, CANCEL_GRACE_MS)),
      ]);
      reportCancelled(result);
    }
  } catch (error) {
    reportFailure(result, error);
  } finally {
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGINT', onSignal);
    client?.close();
    await report(result, settings);
  }
  if (controller.signal.aborted) {
    // An HTTP request may still be in flight after the cancellation; the run is over.
    process.exit(1);
  }
}

function logSettings(settings: Settings): void {
  core.debug(`operation: ${settings.operation}`);
  core.debug(`base URL: ${settings.connection?.baseUrl ?? '(none)'}`);
  core.debug(`API version: ${settings.connection?.apiVersion ?? '(none)'}`);
  core.debug(`credentials: ${settings.connection?.credentials.kind ?? '(none)'}`);
  core.debug(`config path: ${settings.configPath ?? '(none)'}`);
  core.debug(`upload name: ${settings.uploadName}`);
  core.debug(
    `wait: ${settings.wait}, timeout: ${settings.timeoutMs} ms, wait for approval: ${settings.waitForApproval}`,
  );
}

function knownIds(result: RunResult): string {
  const ids = [
    result.uploadId && `upload-id ${result.uploadId}`,
    result.draftId && `draft-id ${result.draftId}`,
    result.deployId && `deploy-id ${result.deployId}`,
  ].filter(Boolean);
  return ids.length > 0 ? ids.join(', ') : 'no job was created';
}

function reportCancelled(result: RunResult): void {
  result.status = 'CANCELLED';
  const resume = result.deployId
    ? ` Run the deploy operation with deploy-id: ${result.deployId} to wait for the deploy again.`
    : '';
  result.message = `The run was cancelled while waiting (${knownIds(result)}). Jobs already started go on in the tenant.${resume}`;
  core.setFailed(`${ERROR_PREFIX}: ${result.message}`);
  warnAboutLeftovers(result);
}

/** Names what a failed or cancelled run could not remove, so someone deletes it by hand. */
function warnAboutLeftovers(result: RunResult): void {
  for (const leftover of result.leftOnTenant ?? []) {
    core.warning(
      `The ${leftover} was not deleted: delete it on the Configuration Hub page of the tenant.`,
    );
  }
}

function reportFailure(result: RunResult, error: unknown): void {
  if (error instanceof PollTimeoutError) {
    result.status = 'TIMED_OUT';
  } else if (
    result.status === 'COMPLETE' ||
    result.status === 'IN_PROGRESS' ||
    result.status === 'NOT_STARTED'
  ) {
    result.status = 'FAILED';
  }
  const known =
    error instanceof OperationError ||
    error instanceof PollTimeoutError ||
    error instanceof ConfigHubApiError ||
    error instanceof ConfigHubNetworkError ||
    error instanceof RangeError;
  const message = error instanceof Error ? error.message : String(error);
  result.message = message;
  if (!known && error instanceof Error && error.stack) {
    core.debug(error.stack);
  }
  core.setFailed(`${ERROR_PREFIX}: ${message}`);
}

async function report(result: RunResult, settings: Settings): Promise<void> {
  annotateFindings(result.findings);
  setOutputs(result);
  if (process.env.GITHUB_STEP_SUMMARY) {
    await core.summary.addRaw(renderSummary(result, settings.runUrl)).write();
  }
  await publishPullRequestComment(result, settings, coreLogger);
}

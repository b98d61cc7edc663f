import { rm } from 'node:fs/promises';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { FAST_DURATIONS } from '../e2e/setup.js';
import { type ActionRun, annotations, runAction } from '../helpers/action-runner.js';
import { EmulatorControl } from '../helpers/emulator-control.js';
import { type BadInputCase, loadCases, patternList, toRegExp } from './cases.js';
import { fillPlaceholders, prepareCase } from './prepare.js';

/**
 * Runs every case of fixtures/bad-input/cases.json through `node dist/index.js` (build first).
 * Cases run a few at a time, each on its own emulator, which is reset before the case, so the
 * request log of a case contains only that case's requests.
 */

const CASES = loadCases();
const CONCURRENCY = 4;
/** A case that runs longer than this is stuck, such as waiting on a job it should never start. */
const CASE_KILL_MS = 20_000;

interface CaseOutcome {
  run: ActionRun;
  requests: Array<{ method: string; path: string; status: number }>;
}

const outcomes = new Map<string, CaseOutcome>();
const emulators: RunningEmulator[] = [];

async function runCase(testCase: BadInputCase, emulator: RunningEmulator): Promise<CaseOutcome> {
  const control = new EmulatorControl(emulator.url);
  await control.reset();
  await control.call('DELETE', 'requests');

  const folders = await prepareCase(testCase, { emulator: emulator.url });
  const connection: Record<string, string> = testCase.connect
    ? {
        'base-url': emulator.url,
        'client-id': 'emulator-client-id',
        'client-secret': 'emulator-client-secret',
      }
    : {};
  const inputs: Record<string, string> = { ...connection };
  for (const [name, value] of Object.entries(testCase.inputs)) {
    inputs[name] = fillPlaceholders(value, folders.placeholders);
  }

  try {
    const run = await runAction(inputs, {
      workspace: folders.workspace,
      env: testCase.env,
      killAfterMs: CASE_KILL_MS,
    });
    const requests = (await control.requests()).map(({ method, path, status }) => ({
      method,
      path,
      status,
    }));
    return { run, requests };
  } finally {
    await rm(folders.root, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  for (let i = 0; i < CONCURRENCY; i++) {
    emulators.push(
      await startEmulator({
        tenant: 'acme-test',
        durations: FAST_DURATIONS,
        clientId: 'emulator-client-id',
        clientSecret: 'emulator-client-secret',
      }),
    );
  }
  const queue = [...CASES];
  await Promise.all(
    emulators.map(async (emulator) => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        outcomes.set(next.name, await runCase(next, emulator));
      }
    }),
  );
}, 180_000);

afterAll(async () => {
  await Promise.all(emulators.map((emulator) => emulator.stop()));
});

/** Lines of a stack trace, also inside `::debug::` commands where line breaks are `%0A`. */
function stackTraceLines(text: string): string[] {
  return text
    .replace(/%0A/g, '\n')
    .split('\n')
    .filter((line) => /^\s+at\s.*(?:\/|\\|node:|file:)/.test(line));
}

describe('bad inputs', () => {
  it('has at least 40 cases with unique names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const outcome = outcomes.get(testCase.name) as CaseOutcome;
    const { run, requests } = outcome;
    const expected = testCase.expect;
    const message = run.outputs.message ?? '';

    expect(run.signal).toBeNull();
    expect(run.exitCode).toBe(expected.exitCode ?? 1);
    expect(run.outputs.status).toBe(expected.status);

    for (const pattern of patternList(expected.value)) {
      expect(message).toMatch(toRegExp(pattern));
    }
    for (const pattern of patternList(expected.fix)) {
      expect(message).toMatch(toRegExp(pattern));
    }
    for (const pattern of expected.message ?? []) {
      expect(message).toMatch(toRegExp(pattern));
    }
    for (const pattern of expected.absent ?? []) {
      expect(message).not.toMatch(toRegExp(pattern));
      expect(run.stdout).not.toMatch(toRegExp(pattern));
    }

    if ((expected.exitCode ?? 1) !== 0) {
      expect(run.stdout).toContain('::error::isc-config-hub: ');
    }
    const printed = annotations(run.stdout);
    for (const annotation of expected.annotations ?? []) {
      const matching = printed.filter(
        (candidate) =>
          candidate.kind === annotation.kind &&
          (annotation.file === undefined ||
            candidate.properties.includes(`file=${annotation.file},`) ||
            candidate.properties.endsWith(`file=${annotation.file}`)) &&
          (annotation.line === undefined ||
            new RegExp(`(^|,)line=${annotation.line}(,|$)`).test(candidate.properties)) &&
          toRegExp(annotation.text).test(candidate.message),
      );
      // On a miss, the diff lists every annotation the run printed.
      expect({ annotation, found: matching.length > 0 ? 'yes' : printed }).toEqual({
        annotation,
        found: 'yes',
      });
    }
    if (expected.result !== undefined) {
      expect(run.result).toMatchObject(expected.result);
    }

    expect(stackTraceLines(run.stdout)).toEqual([]);
    expect(stackTraceLines(run.stderr)).toEqual([]);
    expect(run.stderr).not.toMatch(/Error:/);

    const writes = requests.filter(
      (request) => request.method !== 'GET' && request.path !== '/oauth/token',
    );
    expect(writes).toEqual([]);
    if (!testCase.allowReads) {
      expect(requests).toEqual([]);
    }
  });
});

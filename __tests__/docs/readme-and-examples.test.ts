import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readActionDefinition, renderTables } from '../../scripts/readme-tables.js';
import { OPERATIONS } from '../../src/settings/settings.js';
import { PROJECT_ROOT } from '../helpers/action-runner.js';

const ACTION_REFERENCE = 'your-org/isc-config-hub-action@v1';
const action = readActionDefinition();
const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');

function between(text: string, name: string): string {
  const start = text.indexOf(`<!-- ${name}:start -->`);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  return text.slice(start, end).split('\n').slice(1).join('\n').trim();
}

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

/** Returns every step of a workflow that uses this Action. */
function actionSteps(workflow: { jobs?: Record<string, { steps?: Step[] }> }): Step[] {
  return Object.values(workflow.jobs ?? {}).flatMap((job) =>
    (job.steps ?? []).filter((step) => step.uses === ACTION_REFERENCE),
  );
}

function checkStep(step: Step): string[] {
  const problems: string[] = [];
  const inputs = step.with ?? {};
  for (const key of Object.keys(inputs)) {
    if (!(key in action.inputs)) {
      problems.push(`with: ${key} is not an input of action.yml`);
    }
  }
  const operation = String(inputs.operation ?? '');
  if (!(OPERATIONS as readonly string[]).includes(operation)) {
    problems.push(`operation "${operation}" is not one of ${OPERATIONS.join(', ')}`);
  }
  return problems;
}

describe('README', () => {
  it('lists the inputs of action.yml', () => {
    expect(between(readme, 'inputs')).toBe(renderTables(action).inputs);
  });

  it('lists the outputs of action.yml', () => {
    expect(between(readme, 'outputs')).toBe(renderTables(action).outputs);
  });

  it('uses only real inputs in its workflow snippets', () => {
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
    const steps = blocks
      .map((block) => parse(block))
      .filter((doc) => doc && typeof doc === 'object' && 'jobs' in doc)
      .flatMap(actionSteps);
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.flatMap(checkStep)).toEqual([]);
  });

  it('documents every input in action.yml', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      expect({ name, hasDescription: input.description.trim().length > 20 }).toEqual({
        name,
        hasDescription: true,
      });
    }
  });
});

describe('example workflows', () => {
  const folder = join(PROJECT_ROOT, 'examples', 'workflows');
  const files = readdirSync(folder).filter((file) => file.endsWith('.yml'));

  it('cover the documented recipes', () => {
    expect(files.sort()).toEqual([
      'deploy-on-merge.yml',
      'mapping-sync.yml',
      'nightly-cleanup.yml',
      'promote-matrix.yml',
      'pull-request.yml',
    ]);
  });

  it.each(files)('%s uses only inputs of action.yml', (file) => {
    const workflow = parse(readFileSync(join(folder, file), 'utf8'));
    const steps = actionSteps(workflow);
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.flatMap(checkStep)).toEqual([]);
  });
});

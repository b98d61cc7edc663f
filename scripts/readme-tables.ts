/**
 * Writes the inputs and outputs tables of README.md from action.yml, between
 * the `<!-- inputs:start -->`/`<!-- inputs:end -->` and
 * `<!-- outputs:start -->`/`<!-- outputs:end -->` markers. Run it with
 * `npm run docs` after changing action.yml; a test fails when they disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

interface ActionDefinition {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function cell(text: string): string {
  return text
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/** Renders the two tables from the action definition. */
export function renderTables(action: ActionDefinition): { inputs: string; outputs: string } {
  const inputs = ['| Input | Required | Default | Description |', '| --- | --- | --- | --- |'];
  for (const [name, input] of Object.entries(action.inputs)) {
    const fallback =
      input.default === undefined || input.default === '' ? '' : `\`${input.default}\``;
    inputs.push(
      `| \`${name}\` | ${input.required ? 'yes' : 'no'} | ${fallback} | ${cell(input.description)} |`,
    );
  }
  const outputs = ['| Output | Description |', '| --- | --- |'];
  for (const [name, output] of Object.entries(action.outputs)) {
    outputs.push(`| \`${name}\` | ${cell(output.description)} |`);
  }
  return { inputs: inputs.join('\n'), outputs: outputs.join('\n') };
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->`. */
export function replaceBetweenMarkers(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) {
    throw new Error(`README.md has no ${start} ... ${end} block.`);
  }
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

export function readActionDefinition(): ActionDefinition {
  return parse(readFileSync(join(root, 'action.yml'), 'utf8')) as ActionDefinition;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tables = renderTables(readActionDefinition());
  const readmePath = join(root, 'README.md');
  let readme = readFileSync(readmePath, 'utf8');
  readme = replaceBetweenMarkers(readme, 'inputs', tables.inputs);
  readme = replaceBetweenMarkers(readme, 'outputs', tables.outputs);
  writeFileSync(readmePath, readme);
  console.log('Wrote the inputs and outputs tables of README.md from action.yml.');
}

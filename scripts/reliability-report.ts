// Renders docs/RELIABILITY.md from the outcomes that the fault-injection tests record.
//
//   NODE_OPTIONS=--experimental-vm-modules npx jest __tests__/faults
//   node --import ./emulator/register.js scripts/reliability-report.ts
//
// Each test file under __tests__/faults/ writes .tmp/reliability/<name>.json when it ends.
// Run the whole folder first: a file run with a name filter records only the cases it ran.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import {
  OBSERVATIONS_DIR,
  type ObservationFile,
  type ReliabilityRow,
} from '../__tests__/faults/record.js';
import { PROJECT_ROOT } from '../__tests__/helpers/action-runner.js';

const OUTPUT = join(PROJECT_ROOT, 'docs', 'RELIABILITY.md');

/** Order of the groups in the document. Groups not listed follow in name order. */
const GROUP_ORDER = [
  'Rate limits and server errors',
  'Connection faults',
  'Jobs, tokens and cancellation',
  'Request timeout (client in process)',
  'Mapping sync and cleanup',
];

const INTRODUCTION = `# Reliability

What the Action does when Configuration Hub or the network misbehaves. Each row
is one test under \`__tests__/faults/\`. The test starts the emulator on
127.0.0.1 and injects the fault through the emulator's control API
(\`/__emulator/faults\`, \`/__emulator/next-jobs\`, \`/__emulator/tokens/expire\`).
It runs \`dist/index.js\` as the runner does. Then it checks the exit code, the
\`status\` output, the deploys in the tenant (never two for one draft) and the
facts named in the row. The observed column is written by the test from what
the run did, so a row marked "no" shows a bug, not a typo in the table.

Jobs take 100 to 200 ms in the emulator, and retries use the Action's real
backoff (a random wait of up to 1 s, 2 s, 4 s and so on, at most 6 attempts).

The Action's request timeout is fixed at 60 s and is no input. So the
"request timeout" rows build the client in the test process with a 400 ms
timeout. They run it, or a whole operation on it, against the emulator, which
holds its response back for 3 s.

Regenerate this file after a change to the client, the operations or the
fault tests:

\`\`\`sh
npm run build
NODE_OPTIONS=--experimental-vm-modules npx jest __tests__/faults
node --import ./emulator/register.js scripts/reliability-report.ts
\`\`\``;

/** Escapes the characters that would break a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function groupRank(group: string): number {
  const rank = GROUP_ORDER.indexOf(group);
  return rank === -1 ? GROUP_ORDER.length : rank;
}

async function readObservations(): Promise<ObservationFile[]> {
  let names: string[];
  try {
    names = (await readdir(OBSERVATIONS_DIR)).filter((name) => name.endsWith('.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
    throw new Error(
      `No observations in ${OBSERVATIONS_DIR}: run the fault tests first (npx jest __tests__/faults).`,
    );
  }
  const files: ObservationFile[] = [];
  for (const name of names) {
    files.push(JSON.parse(await readFile(join(OBSERVATIONS_DIR, name), 'utf8')) as ObservationFile);
  }
  return files.sort(
    (a, b) => groupRank(a.group) - groupRank(b.group) || a.group.localeCompare(b.group),
  );
}

function renderGroup(file: ObservationFile): string {
  const lines = [
    `## ${file.group}`,
    '',
    '| Fault | Operation | Expected | Observed | As expected |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const row of file.rows) {
    lines.push(
      `| ${cell(row.fault)} | ${cell(row.operation)} | ${cell(row.expected)} | ${cell(row.observed)} | ${row.passed ? 'yes' : '**no**'} |`,
    );
  }
  return lines.join('\n');
}

function renderTotals(rows: ReliabilityRow[]): string {
  const failing = rows.filter((row) => !row.passed);
  const lines = [`${rows.length - failing.length} of ${rows.length} cases behave as expected.`];
  if (failing.length > 0) {
    lines.push('', 'Cases that do not:', '');
    for (const row of failing) {
      lines.push(`- ${row.operation}: ${row.fault}.`);
    }
  }
  return lines.join('\n');
}

const files = await readObservations();
const rows = files.flatMap((file) => file.rows);
const document = [INTRODUCTION, renderTotals(rows), ...files.map(renderGroup)].join('\n\n');
// Formatted as `npm run lint` expects, so the generated file passes prettier --check.
const options = await resolveConfig(OUTPUT);
await writeFile(OUTPUT, await format(document, { ...options, filepath: OUTPUT }));
console.log(`Wrote ${OUTPUT}: ${rows.length} cases from ${files.length} test files.`);

import { readFile, writeFile } from 'node:fs/promises';
import { cpus, platform, release, totalmem } from 'node:os';
import * as prettier from 'prettier';
import { type BenchmarkResult, type Measurement, ratio } from './results-model.js';

/** The machine a run measured on. */
export interface MachineInfo {
  cpuModel: string;
  cpuCount: number;
  totalMemoryGiB: number;
  node: string;
  os: string;
}

export function machineInfo(): MachineInfo {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cpuCount: processors.length,
    totalMemoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${platform()} ${release()}`,
  };
}

export function describeMachine(machine: MachineInfo): string {
  return (
    `${machine.cpuCount} × ${machine.cpuModel}, ${machine.totalMemoryGiB} GiB memory, ` +
    `Node.js ${machine.node}, ${machine.os}`
  );
}

/** Units that are counts; the metric's name says what is counted, so the number stands alone. */
const COUNT_UNITS = new Set(['calls', 'requests']);

/** Formats a value with the precision its unit needs. */
export function formatValue(value: number, unit: string): string {
  const digits: Record<string, number> = { s: 2, ms: 0, MiB: 1, KiB: 0, '/s': 2 };
  const fixed = digits[unit] ?? (Number.isInteger(value) ? 0 : 1);
  const number = value.toLocaleString('en-US', {
    minimumFractionDigits: fixed,
    maximumFractionDigits: fixed,
  });
  return COUNT_UNITS.has(unit) ? number : `${number} ${unit}`;
}

function formatRatio(measurement: Measurement): string {
  const value = ratio(measurement);
  if (value === undefined) {
    return '—';
  }
  return `${value >= 10 ? value.toFixed(0) : value.toPrecision(2)}×`;
}

const HEADER = ['Benchmark', 'Case', 'Metric', 'Ours', 'Baseline', 'Ours ÷ baseline'];

/** Builds the table rows of all results. A failed benchmark gets one row with its error. */
function tableRows(results: BenchmarkResult[]): string[][] {
  const rows: string[][] = [];
  for (const result of results) {
    if (result.error !== undefined) {
      rows.push([result.title, 'FAILED', firstLine(result.error), '', '', '']);
      continue;
    }
    for (const measurement of result.measurements) {
      rows.push([
        result.title,
        measurement.case,
        measurement.metric,
        formatValue(measurement.ours, measurement.unit),
        measurement.baseline === undefined
          ? '—'
          : formatValue(measurement.baseline, measurement.unit),
        formatRatio(measurement),
      ]);
    }
  }
  return rows;
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}

/** Renders the results as a fixed-width text table for the terminal. */
export function renderTextTable(results: BenchmarkResult[]): string {
  const rows = [HEADER, ...tableRows(results)];
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const numeric = new Set([3, 4, 5]);
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}

/**
 * Lists each benchmark's baseline, time and notes as a nested Markdown list, which also reads
 * well in a terminal. A failed benchmark shows its whole error, or its first line with
 * `firstLineOfErrors`.
 */
export function renderNotes(results: BenchmarkResult[], firstLineOfErrors = false): string {
  const lines: string[] = [];
  for (const result of results) {
    const status = result.error === undefined ? `baseline: ${result.baseline}` : 'FAILED';
    lines.push(`- ${result.title} (${result.seconds.toFixed(1)} s, ${status})`);
    if (result.error !== undefined) {
      const error = firstLineOfErrors ? firstLine(result.error) : result.error;
      lines.push(...error.split('\n').map((text) => `  ${text}`));
    }
    for (const measurement of result.measurements) {
      if (measurement.note !== undefined) {
        lines.push(`  - ${measurement.case}, ${measurement.metric}: ${measurement.note}`);
      }
    }
  }
  return lines.join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** Renders the results as a Markdown table. */
export function renderMarkdownTable(results: BenchmarkResult[]): string {
  const align = ['---', '---', '---', '---:', '---:', '---:'];
  const rows = [HEADER, align, ...tableRows(results)];
  return rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`).join('\n');
}

export const RESULTS_START = '<!-- benchmark-results:start -->';
export const RESULTS_END = '<!-- benchmark-results:end -->';

/**
 * Replaces the text between the results markers of the benchmarks page and formats the page
 * with the project's Prettier settings, so `npm run lint` accepts it. Throws when a marker is
 * missing, so a moved or deleted marker is reported and not silently skipped.
 */
export async function updateResultsSection(docPath: string, section: string): Promise<void> {
  const text = await readFile(docPath, 'utf8');
  const start = text.indexOf(RESULTS_START);
  const end = text.indexOf(RESULTS_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(
      `${docPath} needs the lines ${RESULTS_START} and ${RESULTS_END}, in that order, around the figures.`,
    );
  }
  const updated = text.slice(0, start + RESULTS_START.length) + `\n${section}\n` + text.slice(end);
  const options = (await prettier.resolveConfig(docPath)) ?? {};
  await writeFile(docPath, await prettier.format(updated, { ...options, filepath: docPath }));
}

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/action-runner.js';

/** Folder where each fault suite writes its observed outcomes; it is ignored by git. */
export const OBSERVATIONS_DIR = join(PROJECT_ROOT, '.tmp', 'reliability');

/** One row of docs/RELIABILITY.md. */
export interface ReliabilityRow {
  group: string;
  fault: string;
  operation: string;
  expected: string;
  observed: string;
  /** Whether every check of the case passed. */
  passed: boolean;
}

/** The rows of one test file, in the order of its table. */
export interface ObservationFile {
  group: string;
  rows: ReliabilityRow[];
}

/**
 * Collects the observed outcome of each case of one table and writes them to
 * `.tmp/reliability/<fileName>.json`, from which scripts/reliability-report.ts renders
 * docs/RELIABILITY.md.
 */
export class ObservationRecorder {
  private readonly rows: ReliabilityRow[] = [];

  constructor(
    readonly group: string,
    private readonly fileName: string,
  ) {}

  add(row: Omit<ReliabilityRow, 'group'>): void {
    this.rows.push({ group: this.group, ...row });
  }

  async save(): Promise<void> {
    await mkdir(OBSERVATIONS_DIR, { recursive: true });
    const file: ObservationFile = { group: this.group, rows: this.rows };
    await writeFile(
      join(OBSERVATIONS_DIR, `${this.fileName}.json`),
      `${JSON.stringify(file, null, 2)}\n`,
    );
  }
}

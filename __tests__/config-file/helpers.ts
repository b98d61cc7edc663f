import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Finding, LoadedConfig } from '../../src/config-file/index.js';

/** A size limit that no test file reaches unless the test means to. */
export const LARGE_LIMIT = 50 * 1024 * 1024;

/** Creates an empty workspace folder under the system temp folder and returns its real path. */
export async function makeWorkspace(): Promise<string> {
  return realpath(await mkdtemp(path.join(tmpdir(), 'config-file-test-')));
}

export async function removeWorkspace(workspace: string): Promise<void> {
  await rm(workspace, { recursive: true, force: true });
}

/** Writes each file (path relative to `root`, forward slashes) and creates missing folders. */
export async function writeFiles(
  root: string,
  files: Record<string, string | Buffer>,
): Promise<void> {
  for (const [relativePath, content] of Object.entries(files)) {
    const absolutePath = path.join(root, ...relativePath.split('/'));
    await mkdir(path.dirname(absolutePath), { recursive: true });
    await writeFile(absolutePath, content);
  }
}

/** Builds one export item on a single line, with `self` built from the arguments. */
export function itemLine(type: string, id: string | undefined, name: string | undefined): string {
  const self: Record<string, string> = { type };
  if (id !== undefined) {
    self.id = id;
  }
  if (name !== undefined) {
    self.name = name;
  }
  return JSON.stringify({ version: 1, self, object: { name: name ?? id } });
}

/**
 * Builds an envelope whose `objects` array starts on line 3, so item i (0-based) sits on line 4 + i,
 * column 5.
 */
export function envelopeText(items: string[]): string {
  const body = items.map((item) => `    ${item}`).join(',\n');
  return `{\n  "version": 1, "tenant": "acme-dev", "timestamp": "2026-01-02T03:04:05Z",\n  "objects": [\n${body}\n  ]\n}\n`;
}

/** Builds a one-object file as teams keep them in folders: `self` starts on line 3. */
export function oneObjectText(type: string, id: string, name: string): string {
  return `${JSON.stringify({ version: 1, self: { id, name, type }, object: { id, name } }, null, 2)}\n`;
}

export function errorsOf(result: LoadedConfig): Finding[] {
  return result.findings.filter((finding) => finding.severity === 'error');
}

export function warningsOf(result: LoadedConfig): Finding[] {
  return result.findings.filter((finding) => finding.severity === 'warning');
}

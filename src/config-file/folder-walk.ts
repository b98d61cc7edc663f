import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

import { displayPath, isInside } from './paths.js';
import type { Finding } from './types.js';

/** A JSON file found under the folder. */
export interface FolderFile {
  absolutePath: string;
  /** Path relative to the folder with forward slashes, which sets the upload order. */
  relativePath: string;
  /** Path that findings show. */
  file: string;
  sizeBytes: number;
}

export interface FolderListing {
  jsonFiles: FolderFile[];
  /** Display paths of files that are not JSON, which the folder assembly skips. */
  ignoredFiles: string[];
  findings: Finding[];
}

interface WalkContext {
  workspace: string;
  realWorkspace: string;
  listing: FolderListing;
  visitedDirectories: Set<string>;
}

/**
 * Lists every `*.json` file under `folder`, recursively, in byte order of the relative path.
 * Names starting with a dot are skipped. Symbolic links are followed only when their target
 * resolves inside the workspace, and each real folder is read once, so link loops end.
 */
export async function listFolder(
  folder: string,
  workspace: string,
  realWorkspace: string,
): Promise<FolderListing> {
  const listing: FolderListing = { jsonFiles: [], ignoredFiles: [], findings: [] };
  const context: WalkContext = {
    workspace,
    realWorkspace,
    listing,
    visitedDirectories: new Set([await realpath(folder)]),
  };
  await walkDirectory(context, folder, '');

  listing.jsonFiles.sort((a, b) =>
    Buffer.compare(Buffer.from(a.relativePath), Buffer.from(b.relativePath)),
  );
  listing.ignoredFiles.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return listing;
}

async function walkDirectory(
  context: WalkContext,
  directory: string,
  relativePrefix: string,
): Promise<void> {
  const { listing } = context;
  let entries: Dirent[];
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    const file = displayPath(context.workspace, directory);
    listing.findings.push({
      severity: 'error',
      file,
      message: `The folder "${file}" could not be read: ${(error as Error).message}. Check its permissions.`,
    });
    return;
  }

  for (const entry of entries) {
    if (entry.name.startsWith('.')) {
      continue;
    }
    const absolutePath = path.join(directory, entry.name);
    const relativePath = relativePrefix === '' ? entry.name : `${relativePrefix}/${entry.name}`;
    const file = displayPath(context.workspace, absolutePath);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();

    if (entry.isSymbolicLink()) {
      let target: string;
      try {
        target = await realpath(absolutePath);
      } catch {
        listing.findings.push({
          severity: 'error',
          file,
          message: `"${file}" is a broken symbolic link. Remove it or point it at a file inside the workspace.`,
        });
        continue;
      }
      if (!isInside(context.realWorkspace, target)) {
        listing.findings.push({
          severity: 'error',
          file,
          message:
            `"${file}" is a symbolic link to ${target}, which is outside the workspace, so it was ` +
            'not read. Replace the link with the file itself or remove it.',
        });
        continue;
      }
      const targetStats = await stat(absolutePath);
      isDirectory = targetStats.isDirectory();
      isFile = targetStats.isFile();
    }

    if (isDirectory) {
      const realDirectory = await realpath(absolutePath);
      if (context.visitedDirectories.has(realDirectory)) {
        listing.findings.push({
          severity: 'warning',
          file,
          message: `"${file}" links to a folder that was already read (${realDirectory}), so it was skipped.`,
        });
        continue;
      }
      context.visitedDirectories.add(realDirectory);
      await walkDirectory(context, absolutePath, relativePath);
    } else if (isFile && entry.name.toLowerCase().endsWith('.json')) {
      const { size } = await stat(absolutePath);
      listing.jsonFiles.push({ absolutePath, relativePath, file, sizeBytes: size });
    } else if (isFile) {
      listing.ignoredFiles.push(file);
    }
  }
}

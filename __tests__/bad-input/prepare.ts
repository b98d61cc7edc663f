import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BAD_INPUT_FIXTURES, type BadInputCase, type SetupStep } from './cases.js';

/** Folders of one case: the workspace and a sibling folder outside it, under one root. */
export interface CaseFolders {
  root: string;
  workspace: string;
  outside: string;
}

/** Values that `{name}` placeholders in inputs and symbolic-link targets stand for. */
export type Placeholders = Record<'emulator' | 'workspace' | 'outside', string>;

/** Replaces every `{name}` placeholder in `text`. */
export function fillPlaceholders(text: string, values: Placeholders): string {
  return text.replace(/\{(emulator|workspace|outside)\}/g, (_, name: keyof Placeholders) =>
    String(values[name]),
  );
}

/**
 * Creates the workspace of a case: the listed fixtures, then the setup steps. The outside
 * folder always contains a valid export (valid.json), a one-object file (roles/role.json)
 * and a valid mappings file (mappings.yml), as targets for links that leave the workspace.
 */
export async function prepareCase(
  testCase: BadInputCase,
  placeholders: Omit<Placeholders, 'workspace' | 'outside'>,
): Promise<CaseFolders & { placeholders: Placeholders }> {
  const root = await mkdtemp(join(tmpdir(), 'bad-input-'));
  const folders: CaseFolders = {
    root,
    workspace: join(root, 'workspace'),
    outside: join(root, 'outside'),
  };
  await mkdir(folders.workspace);
  await mkdir(join(folders.outside, 'roles'), { recursive: true });
  await cp(join(BAD_INPUT_FIXTURES, 'exports', 'valid.json'), join(folders.outside, 'valid.json'));
  await cp(
    join(BAD_INPUT_FIXTURES, 'folders', 'stray', 'roles', 'role.json'),
    join(folders.outside, 'roles', 'role.json'),
  );
  await cp(
    join(BAD_INPUT_FIXTURES, 'mappings', 'valid.yml'),
    join(folders.outside, 'mappings.yml'),
  );

  for (const file of testCase.files ?? []) {
    await cp(join(BAD_INPUT_FIXTURES, file), join(folders.workspace, file), { recursive: true });
  }
  const values: Placeholders = {
    ...placeholders,
    workspace: folders.workspace,
    outside: folders.outside,
  };
  for (const step of testCase.setup ?? []) {
    await runSetupStep(step, folders.workspace, values);
  }
  return { ...folders, placeholders: values };
}

async function runSetupStep(
  step: SetupStep,
  workspace: string,
  values: Placeholders,
): Promise<void> {
  // Returns the absolute path of `path` in the workspace after creating its parent folder.
  const prepareTarget = async (path: string): Promise<string> => {
    const target = join(workspace, path);
    await mkdir(dirname(target), { recursive: true });
    return target;
  };

  if ('encode' in step) {
    const text = await readFile(join(BAD_INPUT_FIXTURES, step.encode.from), 'utf8');
    await writeFile(await prepareTarget(step.encode.to), encodeText(text, step.encode.as));
  } else if ('pad' in step) {
    const { from, to, bytes } = step.pad;
    const parsed = JSON.parse(await readFile(join(BAD_INPUT_FIXTURES, from), 'utf8')) as Record<
      string,
      unknown
    >;
    // A long description keeps the file valid, so the size is the only problem.
    parsed.description = 'x'.repeat(bytes);
    await writeFile(await prepareTarget(to), JSON.stringify(parsed, null, 2));
  } else if ('nest' in step) {
    const { to, depth } = step.nest;
    const nested = '['.repeat(depth) + ']'.repeat(depth);
    await writeFile(await prepareTarget(to), `{"version":1,"objects":[${nested}]}\n`);
  } else if ('symlink' in step) {
    await symlink(
      fillPlaceholders(step.symlink.target, values),
      await prepareTarget(step.symlink.path),
    );
  } else if ('mkdir' in step) {
    await mkdir(join(workspace, step.mkdir), { recursive: true });
  } else if ('fifo' in step) {
    // Node.js has no API that creates a named pipe.
    execFileSync('mkfifo', [await prepareTarget(step.fifo)]);
  }
}

/** Encodes text the way a misconfigured editor or export script might save it. */
function encodeText(
  text: string,
  encoding: 'utf8-bom' | 'utf16le-bom' | 'utf16be-bom' | 'utf16le' | 'latin1',
): Buffer {
  const utf16le = Buffer.from(text, 'utf16le');
  switch (encoding) {
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le]);
    case 'utf16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(utf16le).swap16()]);
    case 'utf16le':
      return utf16le;
    case 'latin1':
      // A non-ASCII name makes the Latin-1 bytes invalid as UTF-8.
      return Buffer.from(text.replace('Finance Analyst', 'Analyste Financière'), 'latin1');
  }
}

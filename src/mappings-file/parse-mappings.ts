import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import { closestName } from './closest-name.js';
import { type CheckedEntry, checkEntry, type FindingSink, reportAt } from './entry-checks.js';
import type { MappingEntry, MappingsFile, ParseOptions } from './types.js';

type Identity = NonNullable<CheckedEntry['identity']>;

const TOP_LEVEL_KEYS = ['mappings'] as const;

/** Most alias expansions a mappings file may use, counted as the yaml library counts them. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses and checks the text of a mappings file without any network call. YAML files use the
 * YAML 1.2 core schema, so `yes` is a string and not a boolean. JSON files use the JSON schema,
 * so an unquoted word is an error. All problems are reported at once, with line and column.
 */
export function parseMappings(text: string, options: ParseOptions): MappingsFile {
  const lineCounter = new LineCounter();
  const sink: FindingSink = { file: options.file, lineCounter, findings: [] };
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    schema: options.format === 'json' ? 'json' : 'core',
    uniqueKeys: true,
  });

  for (const error of document.errors) {
    const position = lineCounter.linePos(error.pos[0]);
    sink.findings.push({
      severity: 'error',
      message: `${options.format === 'json' ? 'JSON' : 'YAML'} syntax error: ${error.message.split('\n')[0]}`,
      file: options.file,
      line: position.line,
      column: position.col,
    });
  }
  // After a real syntax error the tree is a guess, so only duplicate keys let the checks go on.
  if (document.errors.some((error) => error.code !== 'DUPLICATE_KEY')) {
    return done([], sink);
  }

  // Aliases that nest other aliases can expand a few hundred bytes into billions of nodes.
  // The yaml library's own guard (at most 100 expanded alias nodes) rejects such a file first.
  try {
    document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    reportAt(
      sink,
      undefined,
      `The mappings file expands its YAML aliases too far (${(error as Error).message}): write the values out.`,
    );
    return done([], sink);
  }

  // An alias (`*prod`) is the value of its anchor (`&prod`), so each alias is replaced by that
  // value and checked like any other. An unknown anchor is already a syntax error above.
  visit(document, {
    Alias: (_key, alias) => alias.resolve(document) ?? undefined,
  });

  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    reportAt(sink, undefined, 'The mappings file is empty: it needs a top-level "mappings" list.');
    return done([], sink);
  }
  if (!isMap(root)) {
    reportAt(
      sink,
      root as Node,
      'The top level of the mappings file must be a mapping with a "mappings" list.',
    );
    return done([], sink);
  }

  let list: unknown;
  let found = false;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (key === 'mappings') {
      list = pair.value;
      found = true;
    } else {
      const suggestion = typeof key === 'string' ? closestName(key, TOP_LEVEL_KEYS) : undefined;
      const hint = suggestion ? `, probably a typo of ${suggestion}` : '';
      reportAt(
        sink,
        pair.key as Node,
        `The mappings file has an unknown top-level key ${JSON.stringify(key)}${hint}. The only top-level key is "mappings".`,
      );
    }
  }
  if (!found) {
    reportAt(
      sink,
      root,
      'The mappings file has no "mappings" list: add mappings: followed by the list of mappings.',
    );
    return done([], sink);
  }
  if (isScalar(list) && list.value === null) {
    // "mappings:" with nothing after it declares no mappings, like "mappings: []".
    return done([], sink);
  }
  if (!isSeq(list)) {
    reportAt(sink, list as Node, '"mappings" must be a list of mappings, each starting with "- ".');
    return done([], sink);
  }

  const entries: MappingEntry[] = [];
  const identities: Identity[] = [];
  list.items.forEach((item, index) => {
    const { entry, identity } = checkEntry(item, index, options.defaultSourceOrg, sink);
    if (entry !== undefined) {
      entries.push(entry);
    }
    if (identity !== undefined) {
      identities.push(identity);
    }
  });
  reportDuplicates(identities, sink);
  return done(entries, sink);
}

/** Reports each entry whose sourceOrg, objectType, jsonPath and sourceValue repeat an earlier one. */
function reportDuplicates(entries: Identity[], sink: FindingSink): void {
  const firstByIdentity = new Map<string, Identity>();
  for (const entry of entries) {
    const key = JSON.stringify([
      entry.sourceOrg,
      entry.objectType,
      entry.jsonPath,
      entry.sourceValue,
    ]);
    const first = firstByIdentity.get(key);
    if (first === undefined) {
      firstByIdentity.set(key, entry);
      continue;
    }
    sink.findings.push({
      severity: 'error',
      message:
        `The mappings on lines ${first.line} and ${entry.line} have the same sourceOrg, objectType, ` +
        `jsonPath and sourceValue (${entry.sourceOrg}, ${entry.objectType}, ${entry.jsonPath}, ` +
        `${JSON.stringify(entry.sourceValue)}), so they would map one value twice: keep one of them.`,
      file: sink.file,
      line: entry.line,
      column: entry.column,
    });
  }
}

function done(entries: MappingEntry[], sink: FindingSink): MappingsFile {
  const findings = [...sink.findings].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
  const valid = !findings.some((finding) => finding.severity === 'error');
  return { entries: valid ? entries : [], findings, valid };
}

import { displayPath } from '../../config-file/paths.js';
import type { LoadedConfig } from '../../config-file/types.js';
import { DEFAULT_SOURCE_ORG } from '../../mappings-file/index.js';
import { loadMappingsFile } from '../../mappings-file/load-mappings-file.js';
import { OperationError, type OperationContext, runPhase } from '../context.js';
import { errorsMessage } from '../findings.js';
import { evaluateMappings, type MappingPreviewItem } from './evaluate.js';

export type { MappingHit, MappingPreviewItem } from './evaluate.js';

/** Preview of the values that the object mappings would change in the export, for reports. */
export interface MappingPreview {
  mappingsFile: string;
  /** Source tenant whose mappings (with those of "default") apply; undefined applies all. */
  sourceTenant?: string;
  items: MappingPreviewItem[];
  /** Mappings left out: disabled, or declared for another source org. */
  skipped: number;
  /** Number of values the mappings would change in all. */
  changes: number;
}

/**
 * Shows, before anything is uploaded, which values of the export the object
 * mappings in the mappings file would change. Mappings that match nothing are
 * warnings on their line, because a typo or a stale mapping is the usual cause.
 */
export async function previewMappings(
  context: OperationContext,
  loaded: LoadedConfig,
): Promise<MappingPreview | undefined> {
  const options = context.settings.mappingPreview;
  if (!options || !loaded.envelope) {
    return undefined;
  }
  const envelope = loaded.envelope;
  const { result, logger, settings } = context;

  return runPhase(context, 'Preview object mappings', async (phase) => {
    const file = await loadMappingsFile(options.mappingsFile, {
      workspace: settings.workspace,
      defaultSourceOrg: options.defaultSourceOrg,
    });
    result.findings.push(...file.findings);
    if (!file.valid) {
      const errors = file.findings.filter((f) => f.severity === 'error');
      phase.status = 'FAILED';
      throw new OperationError(
        errorsMessage(
          `The mappings file ${displayPath(settings.workspace, options.mappingsFile)}`,
          errors,
        ),
      );
    }

    const sourceTenant = settings.sourceTenant ?? envelope.tenant;
    const applies = file.entries.filter(
      (entry) =>
        entry.enabled &&
        (sourceTenant === undefined ||
          entry.sourceOrg === sourceTenant ||
          entry.sourceOrg === DEFAULT_SOURCE_ORG),
    );
    const items = evaluateMappings(envelope, applies);
    const relativeFile = displayPath(settings.workspace, options.mappingsFile);
    const preview: MappingPreview = {
      mappingsFile: relativeFile,
      sourceTenant,
      items,
      skipped: file.entries.length - applies.length,
      changes: items.reduce((sum, item) => sum + item.hits.length, 0),
    };
    result.mappingPreview = preview;

    for (const item of items) {
      const label = `${item.objectType} ${item.jsonPath} "${item.sourceValue}" → "${item.targetValue}"`;
      if (item.error) {
        result.findings.push({
          severity: 'error',
          file: relativeFile,
          line: item.line,
          message: `Mapping ${label} could not be evaluated: ${item.error}. Fix its jsonPath.`,
        });
      } else if (item.hits.length === 0) {
        result.findings.push({
          severity: 'warning',
          file: relativeFile,
          line: item.line,
          message:
            `Mapping ${label} matches nothing in the export: check the source value and JSON path for a typo, ` +
            'or remove the mapping if it is stale.',
        });
      }
      logger.info(
        `${label}: ${item.hits.length} value${item.hits.length === 1 ? '' : 's'} would change.`,
      );
      for (const hit of item.hits) {
        logger.info(`  ${hit.objectType} "${hit.objectName ?? hit.objectId ?? ''}" at ${hit.path}`);
      }
    }
    if (preview.skipped > 0) {
      logger.info(
        `${preview.skipped} mappings are disabled or belong to another source org than ${sourceTenant}, so they do not apply.`,
      );
    }

    const unmatched = items.filter((item) => item.hits.length === 0).length;
    phase.status = 'COMPLETE';
    phase.detail = `${preview.changes} changes from ${items.length} mappings, ${unmatched} match nothing`;
    return preview;
  });
}

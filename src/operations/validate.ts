import { BACKUP_OBJECT_TYPES } from '../config-file/object-types.js';
import { loadConfig } from '../config-file/load-config.js';
import { displayPath } from '../config-file/paths.js';
import type { LoadedConfig } from '../config-file/types.js';
import { OperationError, type OperationContext, runPhase } from './context.js';
import { errorsMessage } from './findings.js';
import { previewMappings } from './mapping-preview/index.js';

/**
 * Loads and checks the export at config-path with no network call, records
 * every finding, and fails when any is an error. With a mappings file, it then
 * previews what the object mappings would change in the export.
 */
export async function validateConfig(context: OperationContext): Promise<LoadedConfig> {
  const loaded = await checkExport(context);
  await previewMappings(context, loaded);
  return loaded;
}

async function checkExport(context: OperationContext): Promise<LoadedConfig> {
  const { settings, result, logger } = context;
  return runPhase(context, 'Validate', async (phase) => {
    const configPath = settings.configPath as string;
    const loaded = await loadConfig(configPath, {
      workspace: settings.workspace,
      maxFileSizeBytes: settings.maxFileSizeBytes,
    });
    result.findings.push(...loaded.findings);
    result.objectCount = loaded.objects.length;
    result.countsByType = loaded.countsByType;

    const errors = loaded.findings.filter((f) => f.severity === 'error');
    const warnings = loaded.findings.length - errors.length;
    phase.detail = `${loaded.objects.length} objects, ${errors.length} errors, ${warnings} warnings`;
    logger.info(
      `Checked ${loaded.isFolder ? 'folder' : 'file'} ${displayPath(settings.workspace, configPath)}: ${loaded.objects.length} objects ` +
        `of ${Object.keys(loaded.countsByType).length} types, ${(loaded.sizeBytes / 1024).toFixed(0)} KiB.`,
    );
    for (const [type, count] of Object.entries(loaded.countsByType).sort()) {
      const note = BACKUP_OBJECT_TYPES.includes(type) ? '' : ' (not deployed by Configuration Hub)';
      logger.info(`  ${type}: ${count}${note}`);
    }

    if (errors.length > 0) {
      phase.status = 'FAILED';
      throw new OperationError(
        errorsMessage(`The export at ${displayPath(settings.workspace, configPath)}`, errors),
      );
    }
    phase.status = 'COMPLETE';
    result.status = 'COMPLETE';
    result.message = `The export is valid: ${loaded.objects.length} objects.`;
    return loaded;
  });
}

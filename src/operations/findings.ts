import type { Finding } from '../config-file/types.js';

/**
 * Lists the first errors as `file:line message` in one line for an error
 * message, with a count of the rest, which the annotations and the job
 * summary show. Trailing full stops are dropped so the caller can end the
 * sentence.
 */
export function summarizeErrors(errors: Finding[], limit = 5): string {
  const listed = errors.slice(0, limit).map((error) => {
    const where = `${error.file ?? ''}${error.line ? `:${error.line}` : ''}`;
    return `${where} ${error.message.replace(/\.+$/, '')}`.trim();
  });
  const more =
    errors.length > listed.length
      ? ` (and ${errors.length - listed.length} more, see the annotations)`
      : '';
  return `${listed.join(' | ')}${more}`;
}

/** Builds the one-line failure message for files with errors: what has them, the first ones, and what to do. */
export function errorsMessage(subject: string, errors: Finding[], consequence = ''): string {
  const count = `${errors.length} error${errors.length === 1 ? '' : 's'}`;
  const fix = errors.length === 1 ? 'Fix it and run again.' : 'Fix them and run again.';
  return `${subject} has ${count}${consequence}: ${summarizeErrors(errors)}. ${fix}`;
}

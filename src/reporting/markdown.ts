const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text from a config file or the server for a Markdown table cell.
 * HTML is neutralized, and the punctuation that starts emphasis, code, links
 * or a table cell is backslash-escaped. Line breaks become spaces, so a value
 * cannot break the table.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c])
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/\r?\n|\r/g, ' ');
}

/**
 * Wraps text in a code span for a table cell. Backticks become quotes so the
 * span cannot end early, and pipes are escaped, which GitHub requires even
 * inside code spans in tables.
 */
export function codeSpan(text: string): string {
  return `\`${text
    .replace(/`/g, "'")
    .replace(/\|/g, '\\|')
    .replace(/\r?\n|\r/g, ' ')}\``;
}

/** Builds a Markdown table; cells must already be escaped. */
export function markdownTable(header: string[], rows: string[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) {
    lines.push(`| ${row.join(' | ')} |`);
  }
  return lines.join('\n');
}

export function formatDuration(ms: number): string {
  if (ms < 1000) {
    return `${ms} ms`;
  }
  const seconds = Math.round(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

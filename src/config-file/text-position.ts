/** A 1-based line and column, with the column counted in UTF-16 code units. */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Computes the line and column of `offset` in `text`. Lines end at `\n`, `\r\n` or `\r`,
 * as jsonc-parser counts them. Scans from the start, so call it only for a few offsets.
 */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Computes the position `length` code units after `start`, scanning only that range. */
export function advancePosition(
  text: string,
  start: TextPosition,
  offset: number,
  length: number,
): TextPosition {
  let { line, column } = start;
  const end = Math.min(offset + length, text.length);
  for (let i = offset; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  return { line, column };
}

import { printParseErrorCode, type ParseErrorCode } from 'jsonc-parser';

/** A syntax error in plain words, with the range it applies to. */
export interface SyntaxErrorDescription {
  message: string;
  offset: number;
  length: number;
}

const CLOSING_NAMES: Record<string, string> = { '}': 'object', ']': 'array' };

/**
 * Describes a jsonc-parser error in plain words. A missing property name or value right before
 * `}` or `]` that follows a comma is reported as a trailing comma, at the comma.
 */
export function describeSyntaxError(
  code: ParseErrorCode,
  text: string,
  offset: number,
  length: number,
): SyntaxErrorDescription {
  const codeName = printParseErrorCode(code);
  const atEnd = offset >= text.length;
  const found = quoteToken(text.slice(offset, offset + Math.min(Math.max(length, 1), 20)));
  const describe = (message: string): SyntaxErrorDescription => ({
    message: `Invalid JSON: ${message}`,
    offset,
    length,
  });

  if ((codeName === 'PropertyNameExpected' || codeName === 'ValueExpected') && !atEnd) {
    const closing = text[offset];
    const commaOffset = previousNonSpace(text, offset);
    if ((closing === '}' || closing === ']') && text[commaOffset] === ',') {
      return {
        message:
          `Invalid JSON: trailing comma before the "${closing}" that closes the ` +
          `${CLOSING_NAMES[closing]}. Remove the comma, because strict JSON allows none ` +
          'after the last item.',
        offset: commaOffset,
        length: 1,
      };
    }
  }

  switch (codeName) {
    case 'InvalidSymbol':
      if (text[offset] === "'") {
        return describe('strings and property names need double quotes, not single quotes.');
      }
      return describe(
        `unexpected ${found}. Strings and property names need double quotes, and the only ` +
          'bare words JSON allows are true, false and null.',
      );
    case 'InvalidNumberFormat':
      return describe(`invalid number ${found}.`);
    case 'PropertyNameExpected':
      return describe(
        atEnd
          ? 'the file ends where a property name was expected. The file may be truncated.'
          : `expected a property name in double quotes, found ${found}.`,
      );
    case 'ValueExpected':
      return describe(
        atEnd
          ? 'the file ends where a value was expected. The file may be truncated.'
          : `expected a value, found ${found}.`,
      );
    case 'ColonExpected':
      return describe(
        `expected a colon after the property name, found ${atEnd ? 'the end of the file' : found}.`,
      );
    case 'CommaExpected':
      return describe(
        atEnd
          ? 'the file ends where a comma or a closing bracket was expected. The file may be truncated.'
          : `expected a comma, found ${found}.`,
      );
    case 'CloseBraceExpected':
      return describe(
        atEnd
          ? 'the file ends before an object is closed (expected "}"). The file may be truncated.'
          : `expected "}" to close the object, found ${found}.`,
      );
    case 'CloseBracketExpected':
      return describe(
        atEnd
          ? 'the file ends before an array is closed (expected "]"). The file may be truncated.'
          : `expected "]" to close the array, found ${found}.`,
      );
    case 'EndOfFileExpected':
      return describe(`unexpected ${found} after the end of the top-level value.`);
    case 'InvalidCommentToken':
      return describe('comments are not allowed in JSON. Remove the comment.');
    case 'UnexpectedEndOfComment':
      return describe('a block comment is not closed, and JSON allows no comments.');
    case 'UnexpectedEndOfString':
      return describe('a string is not closed. Add the closing double quote.');
    case 'UnexpectedEndOfNumber':
      return describe(`the number ${found} is incomplete.`);
    case 'InvalidUnicode':
      return describe('invalid \\u escape. Write it as \\u followed by four hex digits.');
    case 'InvalidEscapeCharacter':
      return describe(
        'invalid escape sequence in a string. A backslash must start one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX.',
      );
    case 'InvalidCharacter':
      return describe(
        'a control character (such as a tab or line break) inside a string must be escaped.',
      );
    default:
      return describe(`${codeName} at ${found}.`);
  }
}

/** Quotes source text for a message in backticks, with control characters escaped. */
function quoteToken(token: string): string {
  // eslint-disable-next-line no-control-regex
  const escaped = token.replace(/[\u0000-\u001f]/g, (character) =>
    JSON.stringify(character).slice(1, -1),
  );
  return `\`${escaped}\``;
}

function previousNonSpace(text: string, offset: number): number {
  let index = offset - 1;
  while (index >= 0 && /\s/.test(text[index])) {
    index--;
  }
  return index;
}

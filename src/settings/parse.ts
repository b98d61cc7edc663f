import { BaseUrlError } from '../client/base-url.js';

/** A bad input value. Its message names the input, the value and the accepted form. */
export class InputError extends Error {
  override name = 'InputError';
}

/**
 * Collects the problems of several inputs, so one run reports every bad value
 * at once instead of stopping at the first.
 */
export class InputProblems {
  readonly messages: string[] = [];

  /** Runs `read`; an InputError or BaseUrlError is recorded and gives undefined. */
  attempt<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch (error) {
      if (error instanceof InputError || error instanceof BaseUrlError) {
        this.messages.push(error.message);
        return undefined;
      }
      throw error;
    }
  }

  /** Throws one InputError with every recorded problem, one per line, if there is any. */
  throwIfAny(): void {
    if (this.messages.length > 0) {
      throw new InputError(this.messages.join('\n'));
    }
  }
}

const TRUE_VALUES = ['true', 'True', 'TRUE'];
const FALSE_VALUES = ['false', 'False', 'FALSE'];

/** Parses a boolean input the way the YAML 1.2 core schema spells booleans; empty gives the default. */
export function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  if (value === '') {
    return fallback;
  }
  if (TRUE_VALUES.includes(value)) {
    return true;
  }
  if (FALSE_VALUES.includes(value)) {
    return false;
  }
  throw new InputError(`Input ${name} is "${value}", which is not a boolean: use true or false.`);
}

const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses a duration such as `30m`, `90s`, `36h`, `14d` or `1h30m` into
 * milliseconds. A bare number is rejected because its unit would be a guess.
 */
export function parseDuration(name: string, value: string): number {
  const compact = value.trim().toLowerCase().replace(/\s+/g, '');
  const parts = compact.match(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g);
  if (!compact || !parts || parts.join('') !== compact) {
    const hint = /^\d+(\.\d+)?$/.test(compact)
      ? ` Add a unit, such as ${compact}s or ${compact}m.`
      : '';
    throw new InputError(
      `Input ${name} is "${value}", which is not a duration: use a number with a unit ` +
        `(ms, s, m, h, d, w), such as 30m, 36h, 14d or 1h30m.${hint}`,
    );
  }
  let total = 0;
  for (const part of parts) {
    const [, amount, unit] = part.match(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/) as RegExpMatchArray;
    total += Number(amount) * DURATION_UNITS[unit];
  }
  const milliseconds = Math.round(total);
  if (milliseconds <= 0) {
    throw new InputError(`Input ${name} is "${value}": the duration must be greater than zero.`);
  }
  return milliseconds;
}

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1024,
  kib: 1024,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** Parses a size such as `100MB`, `512KiB` or `1048576` (bytes); units are powers of 1024. */
export function parseSize(name: string, value: string): number {
  const match = value
    .trim()
    .toLowerCase()
    .match(/^(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?$/);
  const bytes = match ? Math.floor(Number(match[1]) * SIZE_UNITS[match[2] ?? 'b']) : 0;
  if (bytes <= 0) {
    throw new InputError(
      `Input ${name} is "${value}", which is not a size: use a positive number of bytes or a number ` +
        'with a unit (KB, MB, GB), such as 100MB.',
    );
  }
  return bytes;
}

/** Parses a whole number that must be at least `min`. */
export function parseInteger(name: string, value: string, fallback: number, min = 0): number {
  if (value.trim() === '') {
    return fallback;
  }
  if (!/^\d+$/.test(value.trim()) || Number(value) < min) {
    throw new InputError(
      `Input ${name} is "${value}", which is not a whole number of at least ${min}.`,
    );
  }
  return Number(value.trim());
}

/** Checks that `value` is one of `choices`. */
export function parseChoice<T extends string>(
  name: string,
  value: string,
  choices: readonly T[],
): T {
  if ((choices as readonly string[]).includes(value)) {
    return value as T;
  }
  throw new InputError(`Input ${name} is "${value}", which is not one of: ${choices.join(', ')}.`);
}

/**
 * Checks a job id (an upload, draft or deploy id). Ids are hexadecimal strings
 * or UUIDs, so anything with spaces, slashes or other punctuation is a mistake.
 */
export function parseJobId(name: string, value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') {
    return undefined;
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,127}$/.test(trimmed)) {
    throw new InputError(
      `Input ${name} is "${value}", which is not a job id: copy the id (letters, digits and hyphens, ` +
        "such as 2c9180835d2e5168015d32f890ca1581) from the Configuration Hub page or an earlier step's output.",
    );
  }
  return trimmed;
}

/** Rejects two inputs given together when only one of them may be. */
export function requireAtMostOne(inputs: Record<string, string | undefined>): void {
  const given = Object.entries(inputs).filter(([, value]) => value !== undefined && value !== '');
  if (given.length > 1) {
    throw new InputError(
      `Inputs ${given.map(([name]) => name).join(' and ')} cannot be used together: give only one of them.`,
    );
  }
}

import { RESULT_OUTPUT_LIMIT, serializeResult } from '../../src/reporting/outputs.js';
import type { RunResult } from '../../src/operations/context.js';
import { cutName } from '../../src/operations/draft.js';

const base = (): RunResult => ({
  operation: 'validate',
  status: 'COMPLETE',
  message: 'ok',
  uploadId: 'u-1',
  phases: [{ name: 'Validate', status: 'COMPLETE', durationMs: 5 }],
  findings: [],
});

describe('serializeResult', () => {
  it('keeps a small result whole', () => {
    const result = base();
    expect(JSON.parse(serializeResult(result))).toEqual(result);
  });

  it('shortens long lists under the limit', () => {
    const result = base();
    result.findings = Array.from({ length: 20_000 }, (_, i) => ({
      severity: 'warning' as const,
      message: `finding ${i}`,
      file: 'a.json',
      line: i,
    }));
    const text = serializeResult(result);
    expect(text.length).toBeLessThanOrEqual(RESULT_OUTPUT_LIMIT);
    const parsed = JSON.parse(text);
    expect(parsed.truncated).toBe(true);
    expect(parsed.findings).toHaveLength(50);
    expect(parsed.uploadId).toBe('u-1');
  });

  it('falls back to the essentials when shortening is not enough', () => {
    const result = base();
    result.findings = [{ severity: 'error', message: 'x'.repeat(100_000) }];
    const text = serializeResult(result, 50_000);
    const parsed = JSON.parse(text);
    expect(text.length).toBeLessThanOrEqual(50_000);
    expect(parsed.findingCount).toBe(1);
    expect(parsed.status).toBe('COMPLETE');
    expect(parsed.findings).toBeUndefined();
  });
});

describe('cutName', () => {
  it('never splits a surrogate pair', () => {
    const name = `${'x'.repeat(49)}😀😀`;
    const cut = cutName(name, 50);
    expect(cut).toBe('x'.repeat(49));
    expect(cutName('short', 50)).toBe('short');
    expect(cutName(`${'x'.repeat(48)}😀😀`, 50)).toBe(`${'x'.repeat(48)}😀`);
  });
});

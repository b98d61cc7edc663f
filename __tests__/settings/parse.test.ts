import {
  InputError,
  parseBoolean,
  parseDuration,
  parseInteger,
  parseJobId,
  parseSize,
  requireAtMostOne,
} from '../../src/settings/parse.js';
import { readSettings } from '../../src/settings/settings.js';

describe('parseDuration', () => {
  it.each([
    ['30m', 1_800_000],
    ['90s', 90_000],
    ['36h', 129_600_000],
    ['14d', 1_209_600_000],
    ['1h30m', 5_400_000],
    [' 2m 30s ', 150_000],
    ['500ms', 500],
  ])('reads %p', (value, ms) => {
    expect(parseDuration('timeout', value)).toBe(ms);
  });

  it.each(['10', '-5m', 'forever', '', '5 minutes', '0s'])('rejects %p', (value) => {
    expect(() => parseDuration('timeout', value)).toThrow(InputError);
  });

  it('suggests a unit for a bare number', () => {
    expect(() => parseDuration('timeout', '1800')).toThrow('Add a unit, such as 1800s or 1800m.');
  });
});

describe('parseSize', () => {
  it('reads bytes and 1024-based units', () => {
    expect(parseSize('max-file-size', '1048576')).toBe(1_048_576);
    expect(parseSize('max-file-size', '100MB')).toBe(104_857_600);
    expect(parseSize('max-file-size', '512 KiB')).toBe(524_288);
  });

  it.each(['lots', '-1MB', '0', '1TB'])('rejects %p', (value) => {
    expect(() => parseSize('max-file-size', value)).toThrow(
      /Input max-file-size is ".*", which is not a size/,
    );
  });
});

describe('parseBoolean', () => {
  it('reads the YAML spellings and falls back when empty', () => {
    expect(parseBoolean('wait', 'True', false)).toBe(true);
    expect(parseBoolean('wait', 'FALSE', true)).toBe(false);
    expect(parseBoolean('wait', '', true)).toBe(true);
  });

  it.each(['yes', '1', 'on'])('rejects %p', (value) => {
    expect(() => parseBoolean('wait', value, true)).toThrow(
      `Input wait is "${value}", which is not a boolean: use true or false.`,
    );
  });
});

describe('parseInteger and parseJobId', () => {
  it('checks whole numbers against a minimum', () => {
    expect(parseInteger('keep-latest', '3', 0)).toBe(3);
    expect(parseInteger('keep-latest', '', 7)).toBe(7);
    expect(() => parseInteger('keep-latest', '-1', 0)).toThrow(InputError);
    expect(() => parseInteger('keep-latest', '2.5', 0)).toThrow(InputError);
  });

  it('accepts hexadecimal ids and UUIDs only', () => {
    expect(parseJobId('draft-id', ' 2c9180835d2e5168015d32f890ca1581 ')).toBe(
      '2c9180835d2e5168015d32f890ca1581',
    );
    expect(parseJobId('draft-id', '')).toBeUndefined();
    expect(() => parseJobId('draft-id', 'abc def')).toThrow(
      /Input draft-id is "abc def", which is not a job id/,
    );
    expect(() => parseJobId('draft-id', '../x')).toThrow(InputError);
  });

  it('rejects two exclusive inputs together', () => {
    expect(() => requireAtMostOne({ tenant: 'a', 'base-url': 'b' })).toThrow(
      'Inputs tenant and base-url cannot be used together',
    );
    expect(() => requireAtMostOne({ tenant: 'a', 'base-url': '' })).not.toThrow();
  });
});

describe('readSettings', () => {
  const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? '';

  it('lists every problem at once', () => {
    const read = () =>
      readSettings(
        inputs({ operation: 'upload', timeout: 'soon', wait: 'maybe', 'api-version': 'v9' }),
        { GITHUB_WORKSPACE: '/w' },
      );
    expect(read).toThrow(InputError);
    const message = (() => {
      try {
        read();
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toContain('Input timeout is "soon"');
    expect(message).toContain('Input wait is "maybe"');
    expect(message).toContain('Input config-path is required for operation upload');
    expect(message).toContain('Input api-version is "v9"');
  });

  it('falls back to the SAIL_ variables', () => {
    const settings = readSettings(inputs({ operation: 'deploy', 'draft-id': 'd1' }), {
      GITHUB_WORKSPACE: '/w',
      SAIL_BASE_URL: 'https://acme.api.identitynow.com',
      SAIL_CLIENT_ID: 'id',
      SAIL_CLIENT_SECRET: 'secret',
    });
    expect(settings.connection?.baseUrl).toBe('https://acme.api.identitynow.com');
    expect(settings.connection?.credentials).toEqual({
      kind: 'client-credentials',
      clientId: 'id',
      clientSecret: 'secret',
    });
    expect(settings.tenantLabel).toBe('acme');
  });

  it('names the upload after the repository, commit and run', () => {
    const settings = readSettings(inputs({ operation: 'validate', 'config-path': 'config' }), {
      GITHUB_WORKSPACE: '/w',
      GITHUB_REPOSITORY: 'acme/config',
      GITHUB_SHA: 'abcdef0123456789',
      GITHUB_RUN_NUMBER: '12',
    });
    expect(settings.uploadName).toBe('acme/config@abcdef0 run 12');
    expect(settings.configPath).toBe('/w/config');
    expect(settings.connection).toBeUndefined();
  });

  it('never puts the client secret in an error', () => {
    let message = '';
    try {
      readSettings(
        inputs({
          operation: 'upload',
          'config-path': 'c',
          'client-secret': 's3cr3t-value',
          tenant: 'bad tenant',
        }),
        { GITHUB_WORKSPACE: '/w' },
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('Tenant name "bad tenant" is invalid');
    expect(message).not.toContain('s3cr3t-value');
  });
});

/**
 * Contract test: every request the client sends must pass Prism's request
 * validation against the official OpenAPI definition. Prism runs in mock mode
 * and lists violations in an `sl-violations` header. Only violations located
 * in the request count: some of the definition's own examples break its enums
 * (approval comments use REJECTED), which Prism reports as response violations.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigHubClient } from '../../src/client/config-hub-client.js';
import { HAVE_PRISM, HAVE_SPECS, SPEC_DIR, specForPrism, startPrism } from '../helpers/prism.js';

/**
 * Prism's mock matches paths without the server's base path (`/v2024`), so a
 * small proxy removes that prefix and records any `sl-violations` header.
 */
async function startPrefixStrippingProxy(
  target: string,
  prefix: string,
  violations: string[],
): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').startsWith(prefix)
      ? (req.url ?? '/').slice(prefix.length)
      : req.url;
    const upstream = httpRequest(
      `${target}${path}`,
      { method: req.method, headers: req.headers },
      (answer) => {
        const header = answer.headers['sl-violations'];
        const found = header
          ? (JSON.parse(String(header)) as Array<{ location: string[]; message: string }>)
          : [];
        for (const violation of found.filter((v) => v.location[0] === 'request')) {
          violations.push(
            `${req.method} ${path}: ${violation.location.join('.')}: ${violation.message}`,
          );
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const VERSIONS = [
  { version: 'v2024', specFile: 'configuration-hub.v2024.json', strip: '/v2024' },
  { version: 'v1', specFile: 'configuration-hub.v1.json', strip: '' },
] as const;

if (!HAVE_SPECS)
  console.warn(`Skipping the client contract test: no OpenAPI definitions in ${SPEC_DIR}.`);
if (!HAVE_PRISM)
  console.warn('Skipping the client contract test: @stoplight/prism-cli is not installed.');
const suite = HAVE_SPECS && HAVE_PRISM ? describe : describe.skip;

suite.each(VERSIONS)(
  'client requests against the $version definition',
  ({ version, specFile, strip }) => {
    let prism: { child: ChildProcess; url: string };
    let proxy: Server;
    let client: ConfigHubClient;
    let workDir: string;
    const violations: string[] = [];

    beforeAll(async () => {
      workDir = mkdtempSync(join(tmpdir(), 'prism-mock-'));
      prism = await startPrism(['mock', specForPrism(specFile, workDir)]);
      proxy = await startPrefixStrippingProxy(prism.url, strip, violations);
      client = new ConfigHubClient({
        baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
        apiVersion: version,
        credentials: { kind: 'access-token', accessToken: 'contract-test-token' },
        retry: { maxAttempts: 1 },
      });
    }, 60_000);

    afterAll(async () => {
      client?.close();
      proxy?.closeAllConnections();
      await new Promise((resolve) => proxy?.close(resolve));
      prism?.child.kill();
      rmSync(workDir, { recursive: true, force: true });
    });

    afterEach(() => {
      const found = violations.splice(0);
      expect(found).toEqual([]);
    });

    const mapping = {
      objectType: 'GOVERNANCE_GROUP',
      jsonPath: '$.name',
      sourceValue: 'Dev Approvers',
      targetValue: 'Prod Approvers',
      enabled: true,
    };

    it.each([
      [
        'createUpload',
        (c: ConfigHubClient) =>
          c.createUpload(
            { content: '{"version":1,"objects":[]}', fileName: 'export.json' },
            'contract upload',
          ),
      ],
      ['getUpload', (c: ConfigHubClient) => c.getUpload('3d0fe04b-57df-4a46-a83b-8f04b0f9d10b')],
      ['listUploads', (c: ConfigHubClient) => c.listUploads('status eq "COMPLETE"')],
      [
        'deleteUpload',
        (c: ConfigHubClient) => c.deleteUpload('3d0fe04b-57df-4a46-a83b-8f04b0f9d10b'),
      ],
      ['listBackups', (c: ConfigHubClient) => c.listBackups('status eq "COMPLETE"')],
      [
        'deleteBackup',
        (c: ConfigHubClient) => c.deleteBackup('3d0fe04b-57df-4a46-a83b-8f04b0f9d10b'),
      ],
      ['listDrafts', (c: ConfigHubClient) => c.listDrafts('approvalStatus eq "PENDING_APPROVAL"')],
      [
        'deleteDraft',
        (c: ConfigHubClient) => c.deleteDraft('3d0fe04b-57df-4a46-a83b-8f04b0f9d10b'),
      ],
      [
        'createDeploy',
        (c: ConfigHubClient) => c.createDeploy('3d0fe04b-57df-4a46-a83b-8f04b0f9d10b'),
      ],
      ['getDeploy', (c: ConfigHubClient) => c.getDeploy('3d0fe04b-57df-4a46-a83b-8f04b0f9d10b')],
      ['listDeploys', (c: ConfigHubClient) => c.listDeploys()],
      ['listObjectMappings', (c: ConfigHubClient) => c.listObjectMappings('dev-tenant')],
      ['createObjectMapping', (c: ConfigHubClient) => c.createObjectMapping('dev-tenant', mapping)],
      [
        'bulkCreateObjectMappings',
        (c: ConfigHubClient) =>
          c.bulkCreateObjectMappings('dev-tenant', [
            mapping,
            { ...mapping, sourceValue: 'Dev Owners' },
          ]),
      ],
      [
        'bulkPatchObjectMappings',
        (c: ConfigHubClient) =>
          c.bulkPatchObjectMappings('dev-tenant', {
            '3d0fe04b-57df-4a46-a83b-8f04b0f9d10b': [
              { op: 'replace', path: '/enabled', value: false },
            ],
            '00bece34-f50d-4227-8878-76f620b5a971': [
              { op: 'replace', path: '/targetValue', value: 'Prod Owners' },
            ],
          }),
      ],
      [
        'deleteObjectMapping',
        (c: ConfigHubClient) =>
          c.deleteObjectMapping('dev-tenant', '3d0fe04b-57df-4a46-a83b-8f04b0f9d10b'),
      ],
      ['listScheduledActions', (c: ConfigHubClient) => c.listScheduledActions()],
      [
        'createScheduledAction',
        (c: ConfigHubClient) =>
          c.createScheduledAction({
            jobType: 'CREATE_DRAFT',
            content: {
              name: 'Release 12',
              sourceBackupId: '3d0fe04b-57df-4a46-a83b-8f04b0f9d10b',
              sourceTenant: 'acme-dev',
            },
          }),
      ],
      [
        'updateScheduledAction',
        (c: ConfigHubClient) =>
          c.updateScheduledAction('0f11f2a4-7c94-4bf3-a2bd-742580fe3bde', [
            { op: 'replace', path: '/cronString', value: '0 0 * * *' },
          ]),
      ],
      [
        'deleteScheduledAction',
        (c: ConfigHubClient) => c.deleteScheduledAction('0f11f2a4-7c94-4bf3-a2bd-742580fe3bde'),
      ],
    ])('accepts %s', async (_name, call) => {
      await expect(call(client)).resolves.not.toThrow();
    });
  },
);

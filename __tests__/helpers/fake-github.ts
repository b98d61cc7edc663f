import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One issue comment as the fake stores it. */
export interface FakeComment {
  id: number;
  owner: string;
  repo: string;
  issueNumber: number;
  body: string;
  login: string;
  created_at: string;
  updated_at: string;
}

export interface LoggedRequest {
  method: string;
  /** Path and query, such as /repos/acme/config/issues/5/comments?per_page=100&page=2. */
  url: string;
  authorization?: string;
  /** The parsed JSON body of a write. */
  body?: { body?: unknown };
}

export interface FakeGitHub {
  /** REST API root, for GITHUB_API_URL. */
  url: string;
  requests: LoggedRequest[];
  comments: FakeComment[];
  /** When set, every POST and PATCH fails with this status and changes nothing. */
  denyWrites?: 403 | 404;
  /** When set, every request fails with this status, as during a GitHub outage. */
  failAllWith?: number;
  /** Comments whose update fails with 403, as another user's comment may. */
  denyUpdateOf: Set<number>;
  /** Seeds a comment, such as one written by a person or an older run. */
  addComment(
    issueNumber: number,
    body: string,
    options?: { login?: string; created_at?: string },
  ): FakeComment;
  /** Comments of one pull request of acme/identity-config, oldest first. */
  commentsOf(issueNumber: number): FakeComment[];
  close(): Promise<void>;
}

/** GitHub rejects longer comment bodies with HTTP 422. */
const MAX_BODY_LENGTH = 65_536;
const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

export const FAKE_OWNER = 'acme';
export const FAKE_REPO = 'identity-config';

/**
 * Starts a fake of the three GitHub REST routes that issue comments use, on 127.0.0.1:
 * list with per_page, page and Link headers; create; and update. Writes can be set to fail
 * with 403 or 404, as GitHub rejects a token without write permission.
 */
export async function startFakeGitHub(): Promise<FakeGitHub> {
  let nextId = 1000;
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const timestamp = (): string => new Date((clock += 1000)).toISOString();

  const fake: FakeGitHub = {
    url: '',
    requests: [],
    comments: [],
    denyUpdateOf: new Set<number>(),
    addComment(issueNumber, body, options = {}) {
      const created = options.created_at ?? timestamp();
      const comment: FakeComment = {
        id: nextId++,
        owner: FAKE_OWNER,
        repo: FAKE_REPO,
        issueNumber,
        body,
        login: options.login ?? 'octocat',
        created_at: created,
        updated_at: created,
      };
      fake.comments.push(comment);
      return comment;
    },
    commentsOf(issueNumber) {
      return fake.comments.filter(
        (c) => c.owner === FAKE_OWNER && c.repo === FAKE_REPO && c.issueNumber === issueNumber,
      );
    },
    close: async () => undefined,
  };

  const handle = (request: IncomingMessage, text: string, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    let body: { body?: unknown } | undefined;
    if (text) {
      try {
        body = JSON.parse(text) as { body?: unknown };
      } catch {
        return send(response, 400, { message: 'Problems parsing JSON' });
      }
    }
    fake.requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      authorization: request.headers.authorization,
      body,
    });
    if (!request.headers.authorization) {
      return send(response, 401, { message: 'Requires authentication' });
    }

    if (fake.failAllWith) {
      return send(response, fake.failAllWith, { message: 'Server Error' });
    }

    const list = url.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/);
    const update = url.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/);
    const isWrite = request.method === 'POST' || request.method === 'PATCH';
    if (isWrite && fake.denyWrites) {
      return send(response, fake.denyWrites, {
        message: fake.denyWrites === 403 ? 'Resource not accessible by integration' : 'Not Found',
      });
    }

    if (update && request.method === 'PATCH' && fake.denyUpdateOf.has(Number(update[3]))) {
      return send(response, 403, { message: 'Resource not accessible by integration' });
    }

    if (list && request.method === 'GET') {
      const [, owner, repo, issue] = list;
      const all = fake.comments.filter(
        (c) => c.owner === owner && c.repo === repo && c.issueNumber === Number(issue),
      );
      const perPage = Math.min(
        Number(url.searchParams.get('per_page') ?? DEFAULT_PER_PAGE),
        MAX_PER_PAGE,
      );
      const page = Number(url.searchParams.get('page') ?? 1);
      const slice = all.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> = {};
      if (page * perPage < all.length) {
        const next = new URL(url.pathname, fake.url);
        next.searchParams.set('per_page', String(perPage));
        next.searchParams.set('page', String(page + 1));
        headers.Link = `<${next.toString()}>; rel="next"`;
      }
      return send(response, 200, slice.map(present), headers);
    }
    if (list && request.method === 'POST') {
      const [, owner, repo, issue] = list;
      const problem = checkBody(body);
      if (problem) {
        return send(response, 422, { message: problem });
      }
      const comment = fake.addComment(Number(issue), body?.body as string, {
        login: 'github-actions[bot]',
      });
      comment.owner = owner;
      comment.repo = repo;
      return send(response, 201, present(comment));
    }
    if (update && request.method === 'PATCH') {
      const [, owner, repo, id] = update;
      const comment = fake.comments.find(
        (c) => c.owner === owner && c.repo === repo && c.id === Number(id),
      );
      if (!comment) {
        return send(response, 404, { message: 'Not Found' });
      }
      const problem = checkBody(body);
      if (problem) {
        return send(response, 422, { message: problem });
      }
      comment.body = body?.body as string;
      comment.updated_at = timestamp();
      return send(response, 200, present(comment));
    }
    return send(response, 404, { message: 'Not Found' });
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, Buffer.concat(chunks).toString('utf8'), response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

function checkBody(body: { body?: unknown } | undefined): string | undefined {
  if (typeof body?.body !== 'string') {
    return 'Invalid request: body is missing or not a string.';
  }
  if (body.body.length > MAX_BODY_LENGTH) {
    return `Validation Failed: body is too long (maximum is ${MAX_BODY_LENGTH} characters).`;
  }
  return undefined;
}

function present(comment: FakeComment): Record<string, unknown> {
  return {
    id: comment.id,
    body: comment.body,
    user: { login: comment.login, type: comment.login.endsWith('[bot]') ? 'Bot' : 'User' },
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    html_url: `https://github.example/${comment.owner}/${comment.repo}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
  };
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

import { handleControl } from './control.js';
import type { Emulator } from './emulator.js';
import { ApiError, errorBody, type ApiResponse } from './errors.js';
import { takeFault, type Fault } from './faults.js';
import { drainRequest, MAX_JSON_BYTES, parseJson, readText, writeResponse } from './http.js';
import type { Resource } from './options.js';
import { decodeSegments, matchApiPrefix, matchRoute, type RequestContext } from './router.js';
import { apiRoutes } from './routes/index.js';
import { settle } from './workflow.js';

/** Request details for the log, filled in while the request is handled. */
interface RequestInfo {
  clientId?: string;
  apiVersion?: string;
  body?: unknown;
}

/** An HTTP server for an emulator, with a stop() that closes every socket and pending delay. */
export interface EmulatorServer {
  server: Server;
  stop(): Promise<void>;
}

export function createEmulatorServer(emulator: Emulator): EmulatorServer {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server = createServer((req, res) => {
    handle(emulator, req, res, sleep).catch((error: unknown) => {
      console.error('Configuration Hub emulator: request failed:', error);
      if (!res.headersSent)
        writeResponse(res, {
          status: 500,
          body: errorBody(500, 'Internal error in the emulator.'),
        });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const stop = () =>
    new Promise<void>((resolve, reject) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    });
  return { server, stop };
}

async function handle(
  emulator: Emulator,
  req: IncomingMessage,
  res: ServerResponse,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = (req.method ?? 'GET').toUpperCase();
  if (url.pathname === '/__emulator' || url.pathname.startsWith('/__emulator/')) {
    const response = await handleControl(emulator, req, url, method);
    await drainRequest(req);
    writeResponse(res, response);
    return;
  }

  const arrived = Date.now();
  const info: RequestInfo = {};
  const log = (status: number) =>
    emulator.logRequest({
      time: new Date(arrived).toISOString(),
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status,
      ...info,
    });

  settle(emulator.store, emulator.settings, arrived);
  const fault = takeFault(emulator.faults, method, url.pathname);
  const replacesAnswer =
    fault !== undefined && (fault.status !== undefined || fault.drop !== undefined);
  let response: ApiResponse | undefined;
  if (!replacesAnswer || fault.apply) {
    response = await dispatch(emulator, req, url, method, arrived, info);
  }
  await drainRequest(req);
  if (fault?.delayMs) {
    await sleep(fault.delayMs);
  }

  if (fault?.drop !== undefined) {
    dropConnection(res, fault, response);
    log(0);
    return;
  }
  if (fault?.status !== undefined) {
    response = {
      status: fault.status,
      body: fault.body ?? defaultFaultBody(fault.status),
      headers: fault.headers,
    };
  } else if (fault?.headers) {
    response = { ...response!, headers: { ...response!.headers, ...fault.headers } };
  }
  writeResponse(res, response!);
  log(response!.status);
}

/**
 * Ends a request without a full response, as a lost connection would. For
 * 'after-response-headers' the status line and headers are sent with chunked encoding, so the
 * client sees a body that never ends. The status is the fault's, else that of the applied
 * request, else 200.
 * NOTE: a 204 or 304 has no body, so the client receives a complete response and no drop.
 */
function dropConnection(
  res: ServerResponse,
  fault: Fault,
  response: ApiResponse | undefined,
): void {
  const socket = res.socket;
  if (fault.drop === 'before-response' || socket === null) {
    socket?.destroy();
    return;
  }
  const status = fault.status ?? response?.status ?? 200;
  const headers = {
    ...(fault.status === undefined ? response?.headers : undefined),
    ...fault.headers,
  };
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.flushHeaders();
  // An empty write queued behind the headers calls back once they are flushed to the socket.
  socket.write('', () => socket.destroy());
}

function defaultFaultBody(status: number): unknown {
  if (status === 401) return { error: 'JWT validation failed: JWT is expired' };
  if (status === 429) return { message: ' Rate Limit Exceeded ' };
  if (status >= 400) return errorBody(status, `Fault injected by the emulator (status ${status}).`);
  return undefined;
}

const REQUIREMENTS: Record<Resource, string> = {
  uploads: 'the scope sp:config-backup:manage',
  backups: 'the scope sp:config-backup:manage',
  drafts: 'the scope sp:config-draft:manage',
  deploys: 'the scope sp:config-deploy:manage',
  'object-mappings': 'the scope sp:config-object-mapping:manage',
  'scheduled-actions': 'the user level ORG_ADMIN',
};

/** Routes an API request through authentication, the rate limit and access checks to its handler. */
async function dispatch(
  emulator: Emulator,
  req: IncomingMessage,
  url: URL,
  method: string,
  now: number,
  info: RequestInfo,
): Promise<ApiResponse> {
  try {
    const segments = decodeSegments(url.pathname);
    if (segments === undefined) {
      throw new ApiError(400, `The path ${url.pathname} has invalid percent-encoding.`);
    }

    if (segments.length === 2 && segments[0] === 'oauth' && segments[1] === 'token') {
      if (method !== 'POST')
        throw new ApiError(405, 'Use POST for /oauth/token.', { allow: 'POST' });
      const issued = await emulator.tokens.issue(req, url.searchParams, emulator.settings, now);
      info.clientId = issued.clientId;
      return issued.response;
    }

    const prefix = matchApiPrefix(segments);
    const match = prefix && matchRoute(apiRoutes, method, prefix.rest);
    if (prefix === undefined || match === undefined) {
      throw new ApiError(404, `No Configuration Hub operation matches ${method} ${url.pathname}.`);
    }
    info.apiVersion = prefix.version;
    if ('allowed' in match) {
      throw new ApiError(
        405,
        `${method} is not allowed on ${url.pathname}; use ${match.allowed.join(' or ')}.`,
        {
          allow: match.allowed.join(', '),
        },
      );
    }

    const auth = emulator.tokens.verify(req.headers.authorization, now);
    if ('response' in auth) {
      return auth.response;
    }
    info.clientId = auth.clientId;

    const { limit, windowMs } = emulator.settings.rateLimit;
    const waitSeconds = emulator.limiter.take(
      `${auth.clientId} ${prefix.version}`,
      now,
      limit,
      windowMs,
    );
    if (waitSeconds > 0) {
      return {
        status: 429,
        body: { message: ' Rate Limit Exceeded ' },
        headers: { 'retry-after': String(waitSeconds) },
      };
    }

    if (emulator.settings.forbidden.has(match.route.resource)) {
      throw new ApiError(
        403,
        `The user lacks ${REQUIREMENTS[match.route.resource]}, which ${match.route.resource} require.`,
      );
    }

    const ctx: RequestContext = {
      req,
      params: match.params,
      query: url.searchParams,
      store: emulator.store,
      settings: emulator.settings,
      now,
      readJson: async () => {
        const parsed = parseJson(await readText(req, MAX_JSON_BYTES));
        info.body = parsed;
        return parsed;
      },
    };
    return await match.route.handle(ctx);
  } catch (error) {
    if (error instanceof ApiError) {
      return error.toResponse();
    }
    console.error(`Configuration Hub emulator: ${method} ${url.pathname} failed:`, error);
    return {
      status: 500,
      body: errorBody(500, `Internal error in the emulator: ${(error as Error).message}`),
    };
  }
}

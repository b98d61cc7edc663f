import type { IncomingMessage } from 'node:http';

import type { ApiResponse } from './errors.js';
import type { Resource, Settings } from './options.js';
import type { Store } from './state.js';

/** Everything a route handler gets for one request. */
export interface RequestContext {
  req: IncomingMessage;
  params: Record<string, string>;
  query: URLSearchParams;
  store: Store;
  settings: Settings;
  now: number;
  /** Reads and parses the JSON body; invalid JSON is a 400. The result goes to the request log. */
  readJson(): Promise<unknown>;
}

export interface Route {
  method: string;
  /** Path segments after the API prefix; a segment starting with ':' is a parameter. */
  pattern: string[];
  resource: Resource;
  handle(ctx: RequestContext): ApiResponse | Promise<ApiResponse>;
}

/** The four prefixes under which Configuration Hub is served, with the API version of each. */
const API_PREFIXES: { segments: string[]; version: string }[] = [
  { segments: ['v2024', 'configuration-hub'], version: 'v2024' },
  { segments: ['v2025', 'configuration-hub'], version: 'v2025' },
  { segments: ['v2026', 'configuration-hub'], version: 'v2026' },
  { segments: ['configuration-hub', 'v1'], version: 'v1' },
];

/** Splits the API version off decoded path segments. */
export function matchApiPrefix(
  segments: string[],
): { version: string; rest: string[] } | undefined {
  for (const prefix of API_PREFIXES) {
    if (prefix.segments.every((segment, index) => segments[index] === segment)) {
      return { version: prefix.version, rest: segments.slice(prefix.segments.length) };
    }
  }
  return undefined;
}

/**
 * Splits a raw path on '/' and then percent-decodes each segment, so an encoded '/' (%2F)
 * stays inside its segment. Returns undefined when a segment is not valid percent-encoding.
 */
export function decodeSegments(rawPath: string): string[] | undefined {
  const parts = rawPath.split('/').filter((part, index) => index > 0 || part !== '');
  if (parts.length > 0 && parts[parts.length - 1] === '') {
    parts.pop();
  }
  try {
    return parts.map((part) => decodeURIComponent(part));
  } catch {
    return undefined;
  }
}

export type RouteMatch =
  { route: Route; params: Record<string, string> } | { allowed: string[] } | undefined;

/**
 * Finds the route for a method and path. Among routes that fit, the one with the most literal
 * segments wins, so `bulk-create` is not taken for an object mapping id. A path that fits only
 * other methods returns those methods.
 */
export function matchRoute(routes: Route[], method: string, segments: string[]): RouteMatch {
  let best: { route: Route; params: Record<string, string>; literals: number } | undefined;
  const allowed = new Set<string>();
  for (const route of routes) {
    if (route.pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    const fits = route.pattern.every((part, index) => {
      if (part.startsWith(':')) {
        params[part.slice(1)] = segments[index];
        return segments[index] !== '';
      }
      literals += 1;
      return part === segments[index];
    });
    if (!fits) continue;
    if (route.method !== method) {
      allowed.add(route.method);
      continue;
    }
    if (best === undefined || literals > best.literals) {
      best = { route, params, literals };
    }
  }
  if (best) return { route: best.route, params: best.params };
  return allowed.size > 0 ? { allowed: [...allowed] } : undefined;
}

/** Builds a 200 or other JSON response. */
export function json(status: number, body: unknown): ApiResponse {
  return { status, body };
}

export const NO_CONTENT: ApiResponse = { status: 204 };

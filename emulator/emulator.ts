import { TokenIssuer } from './auth.js';
import type { Fault } from './faults.js';
import { settingsFromOptions, type EmulatorOptions, type Settings } from './options.js';
import { RateLimiter } from './rate-limit.js';
import { Store } from './state.js';

/** One entry of the request log that GET /__emulator/requests returns. */
export interface LoggedRequest {
  seq: number;
  time: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Status sent, or 0 when a fault dropped the connection. */
  status: number;
  clientId?: string;
  apiVersion?: string;
  /** Parsed JSON body; never form or multipart data. */
  body?: unknown;
}

/** Mutable state of one running emulator: the tenant, its settings and the test hooks. */
export class Emulator {
  store = new Store();
  settings: Settings;
  readonly tokens = new TokenIssuer();
  readonly limiter = new RateLimiter();
  faults: Fault[] = [];
  requests: LoggedRequest[] = [];
  private nextSeq = 1;

  constructor(private readonly options: EmulatorOptions) {
    this.settings = settingsFromOptions(options);
  }

  /** Empties the tenant, clears faults, the log and rate-limit counts, and restores the start options. */
  reset(): void {
    this.store = new Store();
    this.settings = settingsFromOptions(this.options);
    this.faults = [];
    this.requests = [];
    this.nextSeq = 1;
    this.limiter.clear();
  }

  logRequest(entry: Omit<LoggedRequest, 'seq'>): LoggedRequest {
    const logged = { seq: this.nextSeq++, ...entry };
    this.requests.push(logged);
    return logged;
  }
}

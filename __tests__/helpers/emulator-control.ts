/** Thin wrapper over the emulator's control API under /__emulator/. */
export class EmulatorControl {
  constructor(readonly url: string) {}

  async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}/__emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(
        `Emulator control ${method} ${path} failed with HTTP ${response.status}: ${await response.text()}`,
      );
    }
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  }

  reset(): Promise<unknown> {
    return this.call('POST', 'reset');
  }

  seed(state: Record<string, unknown>): Promise<unknown> {
    return this.call('POST', 'seed', state);
  }

  settings(settings: Record<string, unknown>): Promise<unknown> {
    return this.call('PATCH', 'settings', settings);
  }

  fault(fault: Record<string, unknown>): Promise<unknown> {
    return this.call('POST', 'faults', fault);
  }

  nextJob(
    kind: 'upload' | 'draft' | 'deploy' | 'backup',
    outcome: string,
    message?: string,
  ): Promise<unknown> {
    return this.call('POST', 'next-jobs', { kind, outcome, message });
  }

  setApproval(draftId: string, approvalStatus: string, comment?: string): Promise<unknown> {
    return this.call('POST', `drafts/${encodeURIComponent(draftId)}/approval`, {
      approvalStatus,
      comment,
      user: 'reviewer',
    });
  }

  expireTokens(): Promise<unknown> {
    return this.call('POST', 'tokens/expire');
  }

  async requests(): Promise<
    Array<{ method: string; path: string; status: number; body?: unknown }>
  > {
    return (await this.call('GET', 'requests')) as Array<{
      method: string;
      path: string;
      status: number;
      body?: unknown;
    }>;
  }

  /** Requests that could change state: anything but GET, and not the token request. */
  async writes(): Promise<Array<{ method: string; path: string; status: number }>> {
    return (await this.requests()).filter((r) => r.method !== 'GET' && r.path !== '/oauth/token');
  }

  async state(): Promise<Record<string, unknown>> {
    return (await this.call('GET', 'state')) as Record<string, unknown>;
  }
}

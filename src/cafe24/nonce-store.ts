/**
 * Single-use tokens (OAuth `state` nonces, app-launch signatures). The lead persists them in the
 * store so single use holds across processes; `InMemoryNonceStore` serves one process and tests.
 */
export interface NonceStore {
  /**
   * Records `key` as used until `expiresAt` (epoch ms). Resolves true for the first claim and false
   * when the key was already claimed and has not expired. Must be atomic across concurrent callers.
   */
  claim(key: string, expiresAt: number): Promise<boolean>;
}

/** Single-use store for OAuth `state` nonces. */
export type StateStore = NonceStore;

/** Process-local NonceStore; expired keys are dropped on each claim. */
export class InMemoryNonceStore implements NonceStore {
  private readonly keys = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async claim(key: string, expiresAt: number): Promise<boolean> {
    const now = this.now();
    for (const [stored, expiry] of this.keys) if (expiry <= now) this.keys.delete(stored);
    if (this.keys.has(key)) return false;
    this.keys.set(key, expiresAt);
    return true;
  }
}

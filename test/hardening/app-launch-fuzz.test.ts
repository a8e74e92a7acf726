import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyAppLaunch, type AppLaunchResult } from '../../src/cafe24/app-launch.js';
import { InMemoryNonceStore } from '../../src/cafe24/nonce-store.js';
import { signedLaunchUrl } from '../../src/sandbox/app-launch.js';

/**
 * Hostile app-launch query strings (issue 8 item 2): random text and mutations of a correctly
 * signed Cafe24 launch into verifyAppLaunch. It never throws, and only the untouched signed query is
 * accepted, once: a variant with other signed data is refused, and after the genuine launch every
 * variant is refused, including another spelling of the same signature.
 */

const SECRET = 'fuzz-client-secret-0123456789';
const NOW = Date.UTC(2026, 2, 2, 1, 0, 0);

const verify = (query: string, nonceStore = new InMemoryNonceStore(() => NOW)): Promise<AppLaunchResult> =>
  verifyAppLaunch(query, { clientSecret: SECRET, now: NOW, nonceStore });

/** A launch as Cafe24 would sign it, for random (valid) operators and times within the window. */
const signedQuery = fc
  .record({
    mallId: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/),
    userId: fc.string({ minLength: 1, maxLength: 20 }),
    userName: fc.oneof(fc.constantFrom('김운영', 'Ops Kim', '이 부운영자'), fc.string({ maxLength: 20 })),
    userType: fc.constantFrom<'P' | 'A'>('P', 'A'),
    shopNo: fc.integer({ min: 1, max: 20 }),
    skewSeconds: fc.integer({ min: -590, max: 590 }),
  })
  .map(({ skewSeconds, ...user }) => {
    const url = signedLaunchUrl(
      'https://passwing.example/cafe24/launch',
      { ...user, timestamp: Math.floor(NOW / 1000) + skewSeconds },
      SECRET,
    );
    return url.slice(url.indexOf('?') + 1);
  });

/** The part of a query the signature covers: every non-empty parameter but `hmac`, in order. */
const signedPart = (query: string): string =>
  query
    .split('&')
    .filter((part) => part.length > 0 && !part.startsWith('hmac='))
    .join('&');

type Tamper = (parts: string[], choice: number, text: string) => string[];

/** Ways an attacker (or a proxy) may alter a query; each keeps the `&`-separated form. */
const TAMPERS: Record<string, Tamper> = {
  dropParam: (parts, choice) => parts.filter((_, index) => index !== choice % parts.length),
  duplicateParam: (parts, choice) => [...parts, parts[choice % parts.length] ?? ''],
  addParam: (parts, _choice, text) => [...parts, `x=${encodeURIComponent(text)}`],
  addRawText: (parts, choice, text) => parts.toSpliced(choice % (parts.length + 1), 0, text),
  swapParams: (parts, choice) => {
    const copy = [...parts];
    const a = choice % copy.length;
    const b = (a + 1) % copy.length;
    [copy[a], copy[b]] = [copy[b] ?? '', copy[a] ?? ''];
    return copy;
  },
  replaceValue: (parts, choice, text) =>
    parts.map((part, index) =>
      index === choice % parts.length ? `${part.split('=')[0] ?? ''}=${encodeURIComponent(text)}` : part,
    ),
  flipCharacter: (parts, choice) =>
    parts.map((part, index) => {
      if (index !== choice % parts.length || part.length === 0) return part;
      const at = Math.floor(choice / parts.length) % part.length;
      const flipped = String.fromCharCode(part.charCodeAt(at) ^ 1);
      return part.slice(0, at) + flipped + part.slice(at + 1);
    }),
  respellEncoding: (parts) =>
    parts.map((part) => part.replace(/%20/g, '+').replace(/%2B/gi, '+').replace(/%3D/gi, '=')),
  stripPadding: (parts) =>
    parts.map((part) => (part.startsWith('hmac=') ? part.replace(/(%3D|=)+$/i, '') : part)),
  encodeMore: (parts) =>
    parts.map((part) => {
      const cut = part.indexOf('=');
      return cut < 0
        ? part
        : part.slice(0, cut + 1) +
            part.slice(cut + 1).replace(/[A-Za-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`);
    }),
  uppercaseKey: (parts, choice) =>
    parts.map((part, index) =>
      index === choice % parts.length ? part.replace(/^[^=]*/, (key) => key.toUpperCase()) : part,
    ),
};

const tamper = fc.record({
  name: fc.constantFrom(...Object.keys(TAMPERS)),
  choice: fc.nat(),
  text: fc.string({ maxLength: 12 }),
});

describe('app-launch verification under hostile queries', () => {
  it('accepts the untouched signed launch exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(signedQuery, async (query) => {
        const nonces = new InMemoryNonceStore(() => NOW);
        expect((await verify(query, nonces)).ok).toBe(true);
        expect(await verify(query, nonces)).toEqual({ ok: false, error: 'replayed' });
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses every tampered variant, before or after the genuine launch was used', async () => {
    let changed = 0;
    await fc.assert(
      fc.asyncProperty(
        signedQuery,
        fc.array(tamper, { minLength: 1, maxLength: 3 }),
        async (query, tampers) => {
          const tampered = tampers
            .reduce(
              (parts, { name, choice, text }) => TAMPERS[name]?.(parts, choice, text) ?? parts,
              query.split('&'),
            )
            .join('&');
          if (tampered === query) return;
          changed += 1;
          // A fresh store: a variant with other signed data must not verify on its own …
          const alone = await verify(tampered);
          if (signedPart(tampered) !== signedPart(query)) expect(alone.ok, tampered).toBe(false);
          // … and after the genuine launch no variant (not even another spelling of the same
          // signature over the same data) is a second entrance.
          const nonces = new InMemoryNonceStore(() => NOW);
          expect((await verify(query, nonces)).ok).toBe(true);
          const afterGenuine = await verify(tampered, nonces);
          expect(afterGenuine.ok, tampered).toBe(false);
        },
      ),
      { numRuns: 6000 },
    );
    expect(changed).toBeGreaterThan(5000);
  });

  it('refuses a replay whose signature is respelled without its base64 padding', async () => {
    const query = fc.sample(signedQuery, { numRuns: 1, seed: 7 })[0] ?? '';
    const nonces = new InMemoryNonceStore(() => NOW);
    expect((await verify(query, nonces)).ok).toBe(true);
    const unpadded = query.replace(/(%3D)+$/i, '');
    expect(unpadded).not.toBe(query);
    expect(await verify(unpadded, nonces)).toEqual({ ok: false, error: 'replayed' });
  });

  it('never throws and never accepts random query text', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc
        .array(fc.tuple(fc.string({ maxLength: 15 }), fc.string({ maxLength: 30 })), { maxLength: 12 })
        .map((pairs) => pairs.map(([key, value]) => `${key}=${value}`).join('&')),
      fc.constantFrom('', '?', '&&&', 'hmac=', 'hmac=%', 'hmac=%E0%A4%A', 'hmac=a&hmac=b', '%%%=%%%'),
    );
    await fc.assert(
      fc.asyncProperty(text, async (query) => {
        const result = await verify(query);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 3500 },
    );
  });
});

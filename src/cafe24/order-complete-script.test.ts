import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildOrderCompleteScript } from './order-complete-script.js';

/** Runs the snippet in a bare context with a fake browser and returns what it sent. */
function runSnippet(
  script: string,
  page: { variables?: object; search?: string },
): { url: string; body: string }[] {
  const sent: { url: string; body: string }[] = [];
  const storage = new Map<string, string>();
  const context = {
    window: {} as Record<string, unknown>,
    navigator: {
      sendBeacon: (url: string, blob: { text: string }) => {
        sent.push({ url, body: blob.text });
        return true;
      },
    },
    sessionStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => storage.set(k, v),
    },
    Blob: class {
      text: string;
      constructor(parts: string[]) {
        this.text = parts.join('');
      }
    },
    URLSearchParams,
    JSON,
    String,
    fetch: () => undefined,
  };
  context.window = {
    EC_FRONT_EXTERNAL_SCRIPT_VARIABLE_DATA: page.variables,
    location: { search: page.search ?? '' },
    sessionStorage: context.sessionStorage,
  };
  runInNewContext(script, context);
  runInNewContext(script, context);
  return sent;
}

describe('buildOrderCompleteScript', () => {
  it('posts the order id from Cafe24 page variables once per order', () => {
    const script = buildOrderCompleteScript('https://passwing.example/beacon/order-complete?mall=m1');
    const sent = runSnippet(script, { variables: { order_id: '20260105-0000123' } });
    expect(sent).toEqual([
      {
        url: 'https://passwing.example/beacon/order-complete?mall=m1',
        body: '{"order_id":"20260105-0000123"}',
      },
    ]);
  });

  it('falls back to the order_id page parameter', () => {
    const script = buildOrderCompleteScript('https://passwing.example/beacon/order-complete');
    const sent = runSnippet(script, { search: '?order_id=20260105-0000124' });
    expect(sent.map((s) => s.body)).toEqual(['{"order_id":"20260105-0000124"}']);
  });

  it('sends nothing when the page carries no valid order id', () => {
    const script = buildOrderCompleteScript('https://passwing.example/beacon/order-complete');
    expect(runSnippet(script, { search: '?order_id=<script>' })).toEqual([]);
  });

  it('cannot be broken out of by a hostile beacon URL', () => {
    const script = buildOrderCompleteScript(
      'https://passwing.example/b?x=</script><script>alert(1)</script>',
    );
    expect(script).not.toContain('</script>');
  });

  it('refuses a non-http beacon URL', () => {
    expect(() => buildOrderCompleteScript('javascript:alert(1)')).toThrow();
  });
});

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('createLogger', () => {
  it('redacts tokens and personal fields wherever they are nested', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger({ level: 'info', destination });
    log.info(
      {
        mallId: 'demo-mall',
        tokens: { access_token: 'AT-123' },
        order: { personal: { buyerName: '김민준' } },
      },
      'hello',
    );
    const line = lines.join('');
    expect(line).toContain('demo-mall');
    expect(line).not.toContain('AT-123');
    expect(line).not.toContain('김민준');
  });
});

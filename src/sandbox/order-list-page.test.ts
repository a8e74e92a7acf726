import { describe, expect, it } from 'vitest';
import { maskName, orderListHtml } from './order-list-page.js';

describe('maskName', () => {
  it.each([
    ['김민준', '김○○'],
    ['이솔', '이○'],
    ['남궁민수', '남○○○'],
    ['Jessica Hong', 'J○○○○'],
    ['', ''],
  ])('masks %j as %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe('orderListHtml', () => {
  it('escapes label names and omits the launch link until an app URL is known', () => {
    const html = orderListHtml(
      'demo-mall',
      [
        {
          order_id: '20260302-0000001',
          order_date: '2026-03-02T10:00:00+09:00',
          buyer: '김○○',
          amount: 120000,
          labels: ['<b>'],
        },
      ],
      null,
    );
    expect(html).toContain('&lt;b&gt;');
    expect(html).not.toContain('<b>');
    expect(html).toContain('120,000원');
    expect(html).not.toContain('href=');
  });
});

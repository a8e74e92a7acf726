import { paymentAmount } from './cafe24-json.js';
import { formatKstOffset } from './kst-time.js';
import type { OrderRecord } from './mall-records.js';
import { escapeHtml } from './http-kit.js';

/** One row of the mall's order list (the JSON form of `/{mall}/admin/order/list`). */
export interface OrderListRow {
  order_id: string;
  order_date: string;
  /** Masked like Cafe24's screen: 김○○. */
  buyer: string;
  /** Final payment amount in won. */
  amount: number;
  /** Union of the labels of the order's items, first-seen order. */
  labels: string[];
}

/** `김민준` → `김○○`: first character kept, the rest hidden. */
export function maskName(name: string): string {
  const characters = [...name.trim()];
  const first = characters[0];
  if (first === undefined) return '';
  return first + '○'.repeat(Math.max(1, Math.min(characters.length - 1, 4)));
}

export function orderListRow(order: OrderRecord): OrderListRow {
  const labels: string[] = [];
  for (const item of order.items)
    for (const label of item.labels) if (!labels.includes(label)) labels.push(label);
  return {
    order_id: order.orderId,
    order_date: formatKstOffset(order.placedAt),
    buyer: maskName(order.buyer.name),
    amount: paymentAmount(order),
    labels,
  };
}

/** Newest first, at most `limit` rows. */
export function orderListRows(orders: readonly OrderRecord[], limit: number): OrderListRow[] {
  return orders
    .slice(-limit)
    .reverse()
    .map((order) => orderListRow(order));
}

const won = new Intl.NumberFormat('ko-KR');

/** The HTML page imitating Cafe24's 주문 조회 screen, with an "앱 열기" link when an app URL is known. */
export function orderListHtml(
  mallId: string,
  rows: readonly OrderListRow[],
  launchUrl: string | null,
): string {
  const body = rows
    .map(
      (row) => `<tr>
  <td>${escapeHtml(row.order_date.slice(0, 16).replace('T', ' '))}</td>
  <td class="id">${escapeHtml(row.order_id)}</td>
  <td>${escapeHtml(row.buyer)}</td>
  <td class="num">${won.format(row.amount)}원</td>
  <td>${row.labels.map((label) => `<span class="chip">${escapeHtml(label)}</span>`).join(' ')}</td>
</tr>`,
    )
    .join('\n');
  const launch =
    launchUrl === null
      ? '<span class="muted">앱 열기 (앱이 아직 설치되지 않았습니다)</span>'
      : `<a class="app" href="${escapeHtml(launchUrl)}">앱 열기</a>`;
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="10">
<title>주문 조회 - ${escapeHtml(mallId)} (Cafe24 샌드박스)</title>
<style>
body { font-family: 'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif; margin: 0; background: #f4f5f7; color: #222; }
header { background: #2d3a4b; color: #fff; padding: 10px 20px; display: flex; justify-content: space-between; align-items: center; }
header a.app { color: #fff; background: #3b7ddd; padding: 6px 14px; border-radius: 3px; text-decoration: none; }
.muted { color: #aab; font-size: 13px; }
main { padding: 20px; }
h1 { font-size: 18px; margin: 0 0 12px; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 13px; }
th { background: #eef0f3; border: 1px solid #d5d9de; padding: 8px; font-weight: normal; }
td { border: 1px solid #e2e5e9; padding: 8px; }
td.num { text-align: right; }
td.id { font-family: monospace; }
.chip { display: inline-block; background: #e8f0fe; color: #1a56c4; border: 1px solid #b9cff7; border-radius: 10px; padding: 1px 8px; margin: 1px; font-size: 12px; }
</style>
</head>
<body>
<header><strong>cafe24 샌드박스 · ${escapeHtml(mallId)}</strong>${launch}</header>
<main>
<h1>주문 조회 <span class="muted">(${rows.length}건)</span></h1>
<table>
<thead><tr><th>주문일</th><th>주문번호</th><th>주문자</th><th>주문금액</th><th>주문 라벨</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</main>
</body>
</html>
`;
}

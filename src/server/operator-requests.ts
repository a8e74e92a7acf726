import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { MerchantRequestStatus } from '../store/repositories/merchant-requests-repository.js';
import { listAllMerchantRequests } from '../store/maintenance-queries.js';
import type { Store } from '../store/open-store.js';
import { escapeHtml } from './landing/landing-page.js';

const STATUS_KO: Record<MerchantRequestStatus, string> = {
  received: '접수',
  reviewing: '검토 중',
  planned: '반영 예정',
  done: '완료',
  declined: '반려',
};

const AnswerBody = z.object({
  mall_id: z.string().min(1),
  request_id: z.string().min(1),
  status: MerchantRequestStatus,
  reply: z.string().max(2000).optional(),
});

const page = (
  rows: Awaited<ReturnType<typeof listAllMerchantRequests>>,
) => `<!doctype html><html lang="ko"><head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>운영 의견 / 자동화 요청</title>
<style>body{font-family:"Pretendard","Apple SD Gothic Neo","Noto Sans KR",system-ui,sans-serif;background:#f7f8fb;color:#1b2130;margin:0}
main{max-width:1200px;margin:32px auto;padding:0 24px}table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #e3e7ef}
th,td{padding:10px;border-bottom:1px solid #eef0f5;text-align:left;vertical-align:top;font-size:14px}th{background:#f1f4fa}
.chip{display:inline-block;background:#eef2ff;color:#2f5bea;border-radius:999px;padding:2px 10px;font-weight:700;font-size:12px}
select,input,button{font:inherit;padding:6px 8px}</style></head><body><main><h1>운영 의견 / 자동화 기준 요청</h1>
<p>모든 쇼핑몰의 요청입니다. 상태와 답변은 해당 쇼핑몰의 콘솔에 보입니다.</p>
${
  rows.length === 0
    ? '<p>아직 요청이 없습니다.</p>'
    : `<table><thead><tr><th>접수일</th><th>쇼핑몰</th><th>종류</th><th>제목 / 내용</th><th>상태 / 답변</th></tr></thead><tbody>${rows
        .map(
          (
            row,
          ) => `<tr><td>${escapeHtml(new Date(row.createdAt).toISOString().slice(0, 10))}</td><td>${escapeHtml(row.mallId)}</td>
<td><span class="chip">${row.kind === 'automation' ? '자동화 기준' : '의견'}</span></td>
<td><strong>${escapeHtml(row.title)}</strong><br>${escapeHtml(row.body)}</td>
<td><form method="post" action="/admin/requests"><input type="hidden" name="mall_id" value="${escapeHtml(row.mallId)}">
<input type="hidden" name="request_id" value="${escapeHtml(row.requestId)}"><label>상태 <select name="status">${MerchantRequestStatus.options
            .map(
              (status) =>
                `<option value="${status}"${status === row.status ? ' selected' : ''}>${STATUS_KO[status]}</option>`,
            )
            .join(
              '',
            )}</select></label> <input name="reply" aria-label="답변" placeholder="답변" value="${escapeHtml(row.reply ?? '')}">
<button type="submit">저장</button></form></td></tr>`,
        )
        .join('')}</tbody></table>`
}</main></body></html>`;

/** The operator's list of merchant requests across malls (`/admin/requests`), behind `adminGuard`. */
export function registerOperatorRequests(
  app: FastifyInstance,
  options: {
    store: Store;
    now: () => number;
    adminGuard: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  },
): void {
  app.get('/admin/requests', { preHandler: options.adminGuard }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(page(await listAllMerchantRequests(options.store, 500))),
  );
  app.post('/admin/requests', { preHandler: options.adminGuard }, async (request, reply) => {
    const body = AnswerBody.safeParse(request.body);
    if (!body.success) {
      return reply.code(400).send({
        error: { code: 'BAD_REQUEST', message: 'mall_id, request_id and a known status are required' },
      });
    }
    const { mall_id: mallId, request_id: requestId, status, reply: answer } = body.data;
    const found = await options.store.merchantRequests.answer(mallId, requestId, {
      status,
      reply: answer?.trim() ? answer.trim() : null,
      now: options.now(),
    });
    if (!found) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'No such request' } });
    return reply.redirect('/admin/requests');
  });
}

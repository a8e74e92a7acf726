import { z } from 'zod';
import type { Cafe24Client } from '../cafe24-client.js';

const WebhookLogJson = z.object({
  log_id: z.string(),
  log_type: z.string(),
  event_no: z.coerce.number().int(),
  mall_id: z.string(),
  trace_id: z.string().nullish(),
  requested_time: z.string(),
  request_body: z.string().nullish(),
  success: z.enum(['T', 'F']),
  response_http_code: z.coerce.number().int().nullish(),
});
const WebhookLogsResponse = z.object({ logs: z.array(WebhookLogJson) });
const WebhookSettingResponse = z.object({ webhook: z.object({ scopes: z.array(z.string()).nullish() }) });

/** One delivery attempt as Cafe24 logged it (G normal, R resend, T test). */
export interface WebhookLog {
  logId: string;
  logType: string;
  eventNo: number;
  requestedTime: string;
  /** The JSON body Cafe24 sent; parse with parseWebhookEvent to recover a lost event. */
  requestBody: string | null;
  success: boolean;
  responseHttpCode: number | null;
}

/**
 * Delivery logs, oldest first from `sinceLogId` (a cursor) within a requested-time window; used to
 * find webhooks Cafe24 failed to deliver.
 */
export async function fetchWebhookLogs(
  client: Cafe24Client,
  query: {
    requestedStartDate: string;
    requestedEndDate: string;
    sinceLogId?: string;
    success?: boolean;
    limit?: number;
  },
): Promise<WebhookLog[]> {
  const response = await client.get(
    '/api/v2/admin/webhooks/logs',
    {
      requested_start_date: query.requestedStartDate,
      requested_end_date: query.requestedEndDate,
      since_log_id: query.sinceLogId,
      success: query.success === undefined ? undefined : query.success ? 'T' : 'F',
      limit: Math.min(query.limit ?? 1000, 10_000),
    },
    WebhookLogsResponse,
  );
  return response.logs.map((l) => ({
    logId: l.log_id,
    logType: l.log_type,
    eventNo: l.event_no,
    requestedTime: l.requested_time,
    requestBody: l.request_body ?? null,
    success: l.success === 'T',
    responseHttpCode: l.response_http_code ?? null,
  }));
}

/** Scopes the mall consented to for real-time (webhook) data. */
export async function fetchWebhookScopes(client: Cafe24Client): Promise<string[]> {
  const response = await client.get('/api/v2/admin/webhooks/setting', {}, WebhookSettingResponse);
  return response.webhook.scopes ?? [];
}

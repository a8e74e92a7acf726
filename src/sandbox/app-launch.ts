import { createHmac } from 'node:crypto';

/** Who opens the app from the mall admin (Cafe24 passes these as query parameters). */
export interface AppLaunchUser {
  mallId: string;
  userId: string;
  userName: string;
  /** P = 대표운영자, A = 부운영자 (reference §8). */
  userType: 'P' | 'A';
  shopNo: number;
  /** Unix seconds. */
  timestamp: number;
}

/**
 * Builds the URL Cafe24 opens when an operator launches the app: the parameters in alphabetical
 * order (is_multi_shop, lang, mall_id, nation, shop_no, timestamp, user_id, user_name, user_type)
 * percent-encoded, then `hmac = base64(HMAC-SHA256(client_secret, query-string-without-hmac))`.
 */
export function signedLaunchUrl(appUrl: string, user: AppLaunchUser, clientSecret: string): string {
  const query = [
    ['is_multi_shop', 'F'],
    ['lang', 'ko_KR'],
    ['mall_id', user.mallId],
    ['nation', 'KR'],
    ['shop_no', String(user.shopNo)],
    ['timestamp', String(user.timestamp)],
    ['user_id', user.userId],
    ['user_name', user.userName],
    ['user_type', user.userType],
  ]
    .map(([key, value]) => `${key}=${encodeURIComponent(value ?? '')}`)
    .join('&');
  const hmac = createHmac('sha256', clientSecret).update(query).digest('base64');
  const separator = appUrl.includes('?') ? '&' : '?';
  return `${appUrl}${separator}${query}&hmac=${encodeURIComponent(hmac)}`;
}

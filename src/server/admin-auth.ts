import { randomBytes, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../logger.js';
import type { Store } from '../store/open-store.js';
import { listInstalledMalls } from '../store/maintenance-queries.js';
import { escapeHtml } from './landing/landing-page.js';
import { newSession, type Session } from './session-cookie.js';

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;
export const ADMIN_USERNAME = 'admin';

const scryptAsync = (password: BinaryLike, salt: BinaryLike, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** `scrypt$N$r$p$salt$hash` (base64url parts). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.keylen, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * At first start, creates the local administrator (self-hosted operation: pre-registrations, and
 * the console of any installed mall without a Cafe24 launch). The password is PASSWING_ADMIN_PASSWORD
 * or a generated one, returned once so the caller can print it.
 */
export async function ensureAdminAccount(
  store: Store,
  options: { password?: string; now: number; logger: Logger },
): Promise<string | null> {
  if ((await store.adminUsers.count()) > 0) return null;
  const password = options.password ?? randomBytes(12).toString('base64url');
  const created = await store.adminUsers.create({
    username: ADMIN_USERNAME,
    passwordHash: await hashPassword(password),
    createdAt: options.now,
  });
  if (!created) return null;
  options.logger.info({ username: ADMIN_USERNAME }, 'local administrator created');
  return options.password ? null : password;
}

const loginPage = (error?: string) => `<!doctype html><html lang="ko"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>패스윙 관리자 로그인</title>
<style>body{font-family:"Pretendard","Apple SD Gothic Neo","Noto Sans KR",system-ui,sans-serif;background:#f7f8fb;color:#1b2130}
main{max-width:380px;margin:80px auto;background:#fff;border:1px solid #e3e7ef;border-radius:14px;padding:28px}
label{display:block;font-weight:700;font-size:14px;margin:14px 0 4px}input{width:100%;box-sizing:border-box;padding:10px;border:1px solid #cfd6e4;border-radius:8px;font:inherit}
button{margin-top:18px;width:100%;padding:12px;border:0;border-radius:10px;background:#2f5bea;color:#fff;font-weight:700;font:inherit;cursor:pointer}
.error{color:#c23a3a;margin-top:10px}</style></head><body><main><h1>관리자 로그인</h1>
<form method="post" action="/admin/login"><label for="u">아이디</label><input id="u" name="username" autocomplete="username" value="admin">
<label for="p">비밀번호</label><input id="p" name="password" type="password" autocomplete="current-password" required>
<label for="m">쇼핑몰 아이디 (콘솔로 열 쇼핑몰, 비우면 첫 쇼핑몰)</label><input id="m" name="mall_id">
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}<button type="submit">로그인</button></form></main></body></html>`;

/** The local administrator's sign-in: `GET/POST /admin/login`. */
export function registerAdminLogin(
  app: FastifyInstance,
  options: { store: Store; now: () => number; signIn: (reply: FastifyReply, session: Session) => void },
): void {
  app.get('/admin/login', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(loginPage()),
  );
  app.post(
    '/admin/login',
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const username = typeof body.username === 'string' ? body.username : '';
      const password = typeof body.password === 'string' ? body.password : '';
      const user = await options.store.adminUsers.get(username);
      if (!user || !(await verifyPassword(password, user.passwordHash))) {
        return reply
          .code(401)
          .type('text/html; charset=utf-8')
          .send(loginPage('아이디 또는 비밀번호가 맞지 않습니다.'));
      }
      const requested = typeof body.mall_id === 'string' ? body.mall_id.trim() : '';
      const malls = await listInstalledMalls(options.store);
      const mallId = requested || malls[0] || '';
      if (!mallId || !malls.includes(mallId)) {
        return reply.code(400).type('text/html; charset=utf-8').send(loginPage('설치된 쇼핑몰이 아닙니다.'));
      }
      options.signIn(
        reply,
        newSession({ mallId, userId: username, userName: '관리자', role: 'admin' }, options.now()),
      );
      return reply.redirect('/app/');
    },
  );
}

/** preHandler for operator pages: only a signed-in local administrator. */
export async function requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.fullSession?.role !== 'admin') {
    await reply
      .code(401)
      .send({ error: { code: 'UNAUTHORIZED', message: 'Sign in as administrator at /admin/login' } });
  }
}

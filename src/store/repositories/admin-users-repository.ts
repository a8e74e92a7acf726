import { z } from 'zod';
import type { StoreContext } from '../store-context.js';

/** A local administrator (self-hosted without Cafe24); the hash is scrypt output in text form. */
export const AdminUser = z.object({
  username: z.string().min(1).max(100),
  passwordHash: z.string().min(1),
  createdAt: z.number(),
});
export type AdminUser = z.infer<typeof AdminUser>;

/** Local administrator accounts; not tenant-scoped (they exist only when there is no Cafe24 launch). */
export function createAdminUsersRepository(ctx: StoreContext) {
  return {
    /** Creates an account; false when the username exists already (first-start creation is idempotent). */
    async create(user: AdminUser): Promise<boolean> {
      const parsed = AdminUser.parse(user);
      const row = await ctx.db
        .insertInto('admin_users')
        .values({
          username: parsed.username,
          password_hash: parsed.passwordHash,
          created_at: parsed.createdAt,
        })
        .onConflict((oc) => oc.column('username').doNothing())
        .returning('username')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** The account, or null. */
    async get(username: string): Promise<AdminUser | null> {
      const row = await ctx.db
        .selectFrom('admin_users')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst();
      return row === undefined
        ? null
        : { username: row.username, passwordHash: row.password_hash, createdAt: Number(row.created_at) };
    },

    /** Replaces the password hash; false when the account is unknown. */
    async setPasswordHash(username: string, passwordHash: string): Promise<boolean> {
      const result = await ctx.db
        .updateTable('admin_users')
        .set({ password_hash: z.string().min(1).parse(passwordHash) })
        .where('username', '=', username)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** How many accounts exist (0 → create the first one at start). */
    async count(): Promise<number> {
      const row = await ctx.db
        .selectFrom('admin_users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
export type AdminUsersRepository = ReturnType<typeof createAdminUsersRepository>;

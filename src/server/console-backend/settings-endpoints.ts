import { randomUUID } from 'node:crypto';
import { describeChannel, NotificationChannel } from '../../notify/notification-channel.js';
import { maskName } from '../../notify/mask-personal.js';
import { sendNotification } from '../../notify/send-notification.js';
import type { MallSettings } from '../../store/repositories/malls-repository.js';
import type { Product } from '../../domain/product.js';
import type {
  Channel,
  ChannelInput,
  ConnectionStatus,
  GiftEntry,
  ProductRow,
  SettingsResponse,
} from '../api-contract.js';
import { ConsoleRequestError, type ConsoleActor, type ConsoleBackend } from '../console-backend.js';
import { findTemplate, TEMPLATES } from '../../templates/index.js';
import { audit, DAY_MS, isoKst, notFound, type BackendDeps } from './shared.js';
import { defaultLabelOf } from './template-endpoints.js';

type SettingsEndpoints = Pick<
  ConsoleBackend,
  | 'getSettings'
  | 'saveChannels'
  | 'testChannel'
  | 'saveRegionOverrides'
  | 'saveClosedDays'
  | 'saveLabelNames'
  | 'saveRetention'
  | 'listProducts'
  | 'setProductTags'
  | 'listGifts'
  | 'markGift'
>;

const EXPIRING_WITHIN_MS = 3 * DAY_MS;
const GIFTS_LISTED = 500;
/** The name shown for a closed day saved without one (older settings). */
const CLOSED_DAY_NAME = '휴무일';

type StoredChannel = MallSettings['notificationChannels'][number];

/**
 * The channel config from the console's kind + target: a webhook or Slack URL, or for e-mail
 * `smtp(s)://user:pass@host:port?from=sender&to=a@x.kr,b@x.kr`.
 */
function channelConfig(kind: ChannelInput['kind'], target: string): unknown {
  if (kind === 'webhook') return { type: 'webhook', url: target };
  if (kind === 'slack') return { type: 'slack', webhookUrl: target };
  const url = URL.canParse(target) ? new URL(target) : null;
  const from = url?.searchParams.get('from') ?? '';
  const to = (url?.searchParams.get('to') ?? '').split(',').filter((address) => address !== '');
  if (url !== null) url.search = '';
  return { type: 'email', smtpUrl: url?.toString() ?? target, from, to };
}

function channelView(stored: StoredChannel): Channel | null {
  const parsed = NotificationChannel.safeParse(stored.config);
  if (!parsed.success) return null;
  return {
    id: stored.name,
    kind: parsed.data.type,
    name: stored.name,
    enabled: stored.config.enabled !== false,
    targetPreview: describeChannel(parsed.data),
  };
}

const giftId = (orderId: string, gift: string): string =>
  Buffer.from(`${orderId}\u0000${gift}`).toString('base64url');

function productRow(product: Product): ProductRow {
  const tracked = product.variants
    .filter((variant) => variant.useInventory)
    .map((variant) => variant.quantity);
  return {
    productNo: product.productNo,
    productCode: product.productCode,
    name: product.name,
    tags: product.tags,
    stock: tracked.length === 0 ? null : Math.min(...tracked),
  };
}

export function settingsEndpoints(deps: BackendDeps): SettingsEndpoints {
  const { store } = deps.ctx;
  const settingsOf = async (mallId: string): Promise<MallSettings> => {
    const settings = await store.settings.get(mallId);
    if (settings === null) throw notFound(`Mall ${mallId}`);
    return settings;
  };

  const connection = async (mallId: string): Promise<ConnectionStatus> => {
    const [mall, tokens, [lastRun]] = await Promise.all([
      store.malls.get(mallId),
      store.credentials.get(mallId),
      store.runs.listRecent(mallId, { limit: 1 }),
    ]);
    const now = deps.ctx.now();
    const status: ConnectionStatus['status'] = deps.ctx.config.useSandbox
      ? 'sandbox'
      : mall?.state !== 'installed' || tokens === null || tokens.refreshExpiresAt <= now
        ? 'disconnected'
        : tokens.refreshExpiresAt - now < EXPIRING_WITHIN_MS
          ? 'expiring'
          : 'connected';
    return {
      status,
      mallId,
      scopes: [...deps.ctx.config.cafe24Scopes],
      refreshTokenExpiresAt: tokens === null ? null : isoKst(tokens.refreshExpiresAt),
      // Every run fetched its order from Cafe24, so the latest run bounds the last call from below.
      lastApiCallAt: lastRun === undefined ? null : isoKst(lastRun.finishedAt),
      reconnectUrl: `/cafe24/install?mall_id=${encodeURIComponent(mallId)}`,
    };
  };

  const getSettings = async (actor: ConsoleActor): Promise<SettingsResponse> => {
    const settings = await settingsOf(actor.mallId);
    return {
      connection: await connection(actor.mallId),
      channels: settings.notificationChannels.map(channelView).filter((channel) => channel !== null),
      regionOverrides: settings.regionOverrides,
      closedDays: settings.closedDays.map((date) => ({
        date,
        name: settings.closedDayNames[date] ?? CLOSED_DAY_NAME,
      })),
      labelNames: TEMPLATES.filter((template) => 'label' in template.params.shape).map((template) => ({
        templateId: template.id,
        templateName: template.name,
        defaultLabel: defaultLabelOf(template),
        name: settings.labelNames[template.id] ?? defaultLabelOf(template),
      })),
      retentionDays: settings.retentionDays,
    };
  };

  const update = async (
    actor: ConsoleActor,
    patch: Partial<MallSettings>,
    change: { action: string; summary: string },
  ): Promise<SettingsResponse> => {
    if ((await store.settings.update(actor.mallId, patch, deps.ctx.now())) === null)
      throw notFound(`Mall ${actor.mallId}`);
    await audit(deps, actor, { action: change.action, target: 'settings', summary: change.summary });
    return getSettings(actor);
  };

  const listGiftEntries = async (mallId: string, pendingOnly: boolean): Promise<GiftEntry[]> => {
    const entries = await store.giftChecklist.list(mallId, { pendingOnly, limit: GIFTS_LISTED });
    const gifts: GiftEntry[] = [];
    for (const entry of entries) {
      const order = await store.orders.get(mallId, entry.orderId);
      const buyer = order?.personal.buyerName ?? null;
      gifts.push({
        id: giftId(entry.orderId, entry.gift),
        orderId: entry.orderId,
        gift: entry.gift,
        label: null,
        buyerMasked: buyer === null ? null : maskName(buyer),
        createdAt: isoKst(entry.createdAt),
        handedAt: entry.checkedAt === null ? null : isoKst(entry.checkedAt),
        handedBy: entry.checkedBy,
      });
    }
    return gifts;
  };

  return {
    getSettings,

    async saveChannels(actor, body) {
      const existing = (await settingsOf(actor.mallId)).notificationChannels;
      const names = body.channels.map((channel) => channel.name);
      if (new Set(names).size !== names.length) {
        throw new ConsoleRequestError('conflict', 'Channel names must be unique.');
      }
      const channels: StoredChannel[] = [];
      for (const [index, input] of body.channels.entries()) {
        const previous = existing.find((channel) => channel.name === (input.id ?? input.name));
        const candidate =
          input.target === undefined ? previous?.config : channelConfig(input.kind, input.target);
        const parsed = NotificationChannel.safeParse(candidate);
        if (!parsed.success || parsed.data.type !== input.kind) {
          // The message names the field, never the target (it may hold a token or a password).
          throw new ConsoleRequestError('invalid_state', 'The channel target is not valid.', {
            issues: [
              { path: ['channels', index, 'target'], message: `a valid ${input.kind} target is required` },
            ],
          });
        }
        channels.push({ name: input.name, config: { ...parsed.data, enabled: input.enabled } });
      }
      return update(
        actor,
        { notificationChannels: channels },
        {
          action: 'settings.channels',
          summary: `알림 채널: ${names.join(', ') || '없음'}`,
        },
      );
    },

    async testChannel(actor, channelId) {
      const stored = (await settingsOf(actor.mallId)).notificationChannels.find(
        (channel) => channel.name === channelId,
      );
      if (stored === undefined) throw notFound(`Channel ${channelId}`);
      const parsed = NotificationChannel.safeParse(stored.config);
      if (!parsed.success) return { ok: false, message: 'The stored channel configuration is not valid.' };
      try {
        await sendNotification(parsed.data, {
          subject: '[PassWing] 테스트 알림 / test notification',
          text: 'PassWing 알림 채널 테스트입니다. / This is a PassWing channel test.',
          dedupeKey: `test:${randomUUID()}`,
        });
        return { ok: true, message: `Sent through ${describeChannel(parsed.data)}.` };
      } catch (error) {
        // NotifyError messages name the channel kind and host, never secrets.
        return { ok: false, message: error instanceof Error ? error.message : 'Sending failed.' };
      }
    },

    saveRegionOverrides: (actor, body) =>
      update(
        actor,
        { regionOverrides: body.overrides },
        {
          action: 'settings.regionOverrides',
          summary: `우편번호 범위 ${body.overrides.length}개`,
        },
      ),

    saveClosedDays: (actor, body) =>
      update(
        actor,
        {
          closedDays: [...new Set(body.closedDays.map((day) => day.date))].sort(),
          closedDayNames: Object.fromEntries(body.closedDays.map((day) => [day.date, day.name])),
        },
        {
          action: 'settings.closedDays',
          summary: `휴무일 ${body.closedDays.length}일`,
        },
      ),

    saveLabelNames: (actor, body) =>
      update(
        actor,
        {
          // Only renamings are kept, so a template's own label stays its default.
          labelNames: Object.fromEntries(
            body.labelNames
              .filter((entry) => {
                const template = findTemplate(entry.templateId);
                return template === undefined || defaultLabelOf(template) !== entry.name;
              })
              .map((entry) => [entry.templateId, entry.name]),
          ),
        },
        {
          action: 'settings.labelNames',
          summary: body.labelNames.map((entry) => `${entry.templateId}=${entry.name}`).join(', '),
        },
      ),

    saveRetention: (actor, body) =>
      update(
        actor,
        { retentionDays: body.retentionDays },
        {
          action: 'settings.retention',
          summary: `${body.retentionDays}일 보관`,
        },
      ),

    async listProducts(actor, query) {
      const q = query.q?.toLowerCase();
      const after = query.cursor === undefined ? 0 : Number(query.cursor) || 0;
      const matching = (await store.products.list(actor.mallId)).filter(
        (product) =>
          product.productNo > after &&
          (q === undefined ||
            product.name.toLowerCase().includes(q) ||
            product.productCode.toLowerCase().includes(q)) &&
          (query.tag === undefined || product.tags.includes(query.tag)),
      );
      const page = matching.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        products: page.map(productRow),
        nextCursor: matching.length > query.limit && last !== undefined ? String(last.productNo) : null,
      };
    },

    async setProductTags(actor, productNo, tags) {
      if (!(await store.products.setTags(actor.mallId, productNo, tags, deps.ctx.now()))) {
        throw notFound(`Product ${productNo}`);
      }
      await audit(deps, actor, {
        action: 'product.tags',
        target: `product:${productNo}`,
        summary: tags.join(', ') || '태그 없음',
      });
      const product = await store.products.get(actor.mallId, productNo);
      if (product === null) throw notFound(`Product ${productNo}`);
      return productRow(product);
    },

    async listGifts(actor, query) {
      const gifts = await listGiftEntries(actor.mallId, query.status === 'pending');
      return { gifts: query.status === 'handed' ? gifts.filter((gift) => gift.handedAt !== null) : gifts };
    },

    async markGift(actor, id, handed) {
      const [orderId, gift] = Buffer.from(id, 'base64url').toString().split('\u0000');
      if (orderId === undefined || gift === undefined) throw notFound(`Gift ${id}`);
      const changed = handed
        ? await store.giftChecklist.check(actor.mallId, orderId, gift, {
            actor: actor.userId,
            at: deps.ctx.now(),
          })
        : await store.giftChecklist.uncheck(actor.mallId, orderId, gift);
      if (!changed) throw notFound(`Gift ${id}`);
      await audit(deps, actor, {
        action: handed ? 'gift.handed' : 'gift.unhanded',
        target: `order:${orderId}`,
        summary: gift,
      });
      const entry = (await listGiftEntries(actor.mallId, false)).find((candidate) => candidate.id === id);
      if (entry === undefined) throw notFound(`Gift ${id}`);
      return entry;
    },
  };
}

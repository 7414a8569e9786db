import type { CategoryList, ChannelListQuery } from '@lait/shared';
import { TtlCache } from '../../lib/ttl-cache.js';
import type { CategoryRepository } from '../categories/category.repository.js';
import type { ChannelViews } from './channel-view.js';
import type { ChannelService } from './channel.service.js';

/** Live channels counted per category: the categories page shows counts, not every channel. */
const CATEGORY_COUNT_LIMIT = 1000;

/**
 * The directory: channel lists (live or all, by category, Hangul-aware search, by viewers or
 * recent) and the categories with how many channels are live in each. It is the hottest read and
 * changes slowly, so one serialised answer per query is kept for up to a second; the channels
 * plugin clears it whenever a channel goes live, offline or is edited, the avatars plugin when a
 * streamer's picture changes.
 */
export class ChannelDirectory {
  private readonly pages = new TtlCache<string>(1000);

  constructor(
    private readonly channels: ChannelService,
    private readonly views: ChannelViews,
    private readonly categories: CategoryRepository,
  ) {}

  /** A directory page as JSON text (`ChannelList`), ready to send as it is. */
  async page(query: ChannelListQuery): Promise<string> {
    const { live, category, q, limit = 50, sort = 'viewers' } = query;
    const key = JSON.stringify([live, category, q, limit, sort]);
    const cached = this.pages.get(key);
    if (cached !== undefined) return cached;
    const channels = await this.views.many(await this.channels.list({ live, category, q, limit }));
    if (sort === 'viewers') channels.sort((a, b) => b.viewerCount - a.viewerCount || Number(b.live) - Number(a.live));
    const body = JSON.stringify({ channels });
    this.pages.set(key, body);
    return body;
  }

  /** Every category with its live channel count. */
  async categoryList(): Promise<CategoryList> {
    const [rows, live] = await Promise.all([this.categories.list(), this.channels.list({ live: true, limit: CATEGORY_COUNT_LIMIT })]);
    const counts = new Map<string, number>();
    for (const c of live) if (c.category) counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
    return { categories: rows.map((r) => ({ slug: r.slug, nameKo: r.nameKo, nameEn: r.nameEn, liveCount: counts.get(r.slug) ?? 0 })) };
  }

  clear(): void {
    this.pages.clear();
  }
}

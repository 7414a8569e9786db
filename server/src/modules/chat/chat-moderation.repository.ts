import { MoreThan, type DataSource } from 'typeorm';
import type { ChatSettings } from '@lait/shared';
import {
  ChatBanEntity, ChatModeratorEntity, ChatSettingsEntity, ChatTimeoutEntity, ChatWordEntity,
} from './chat.entities.js';

export const DEFAULT_CHAT_SETTINGS: ChatSettings = Object.freeze({ slowModeSec: 0, followersOnlyMin: null, filterMode: 'mask' });

/** Settings, bans, timeouts, moderators and channel words: all persisted, all per channel. */
export class ChatModerationRepository {
  constructor(private readonly ds: DataSource) {}

  private get settingsRepo() { return this.ds.getRepository(ChatSettingsEntity); }
  private get bans() { return this.ds.getRepository(ChatBanEntity); }
  private get timeouts() { return this.ds.getRepository(ChatTimeoutEntity); }
  private get mods() { return this.ds.getRepository(ChatModeratorEntity); }
  private get words() { return this.ds.getRepository(ChatWordEntity); }

  async settings(channelId: number): Promise<ChatSettings> {
    const row = await this.settingsRepo.findOneBy({ channelId });
    return row ? { slowModeSec: row.slowModeSec, followersOnlyMin: row.followersOnlyMin, filterMode: row.filterMode } : { ...DEFAULT_CHAT_SETTINGS };
  }

  async saveSettings(channelId: number, settings: ChatSettings): Promise<void> {
    await this.settingsRepo.save({ channelId, ...settings, updatedAt: new Date() });
  }

  async bannedUserIds(channelId: number): Promise<number[]> {
    return (await this.bans.findBy({ channelId })).map((b) => b.userId);
  }

  async ban(channelId: number, userId: number, bannedBy: number): Promise<void> {
    await this.bans.createQueryBuilder().insert().values({ channelId, userId, bannedBy, createdAt: new Date() }).orIgnore().execute();
  }

  async unban(channelId: number, userId: number): Promise<void> {
    await this.bans.delete({ channelId, userId });
    // Lifting a ban also lifts a running timeout: "unban" means "may chat now".
    await this.timeouts.update({ channelId, userId, until: MoreThan(new Date()) }, { until: new Date() });
  }

  /** Running timeouts: userId → until. */
  async activeTimeouts(channelId: number): Promise<Map<number, Date>> {
    const rows = await this.timeouts.findBy({ channelId, until: MoreThan(new Date()) });
    const out = new Map<number, Date>();
    for (const r of rows) {
      const until = new Date(r.until);
      if ((out.get(r.userId)?.getTime() ?? 0) < until.getTime()) out.set(r.userId, until);
    }
    return out;
  }

  countTimeoutsSince(channelId: number, userId: number, since: Date): Promise<number> {
    return this.timeouts.countBy({ channelId, userId, createdAt: MoreThan(since) });
  }

  async addTimeout(channelId: number, userId: number, seconds: number, until: Date, createdBy: number): Promise<void> {
    await this.timeouts.insert({ channelId, userId, seconds, until, createdBy, createdAt: new Date() });
  }

  async moderatorIds(channelId: number): Promise<number[]> {
    return (await this.mods.findBy({ channelId })).map((m) => m.userId);
  }

  async setModerator(channelId: number, userId: number, moderator: boolean): Promise<void> {
    if (moderator) await this.mods.createQueryBuilder().insert().values({ channelId, userId, createdAt: new Date() }).orIgnore().execute();
    else await this.mods.delete({ channelId, userId });
  }

  async channelWords(channelId: number): Promise<string[]> {
    return (await this.words.find({ where: { channelId }, order: { word: 'ASC' } })).map((w) => w.word);
  }

  async replaceChannelWords(channelId: number, words: readonly string[]): Promise<void> {
    await this.ds.transaction(async (tx) => {
      const repo = tx.getRepository(ChatWordEntity);
      await repo.delete({ channelId });
      const now = new Date();
      if (words.length > 0) await repo.insert(words.map((word) => ({ channelId, word, createdAt: now })));
    });
  }
}

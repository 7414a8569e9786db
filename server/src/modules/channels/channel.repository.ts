import { In, IsNull, LessThanOrEqual, Not, type DataSource, type Repository } from 'typeorm';
import { ChannelEntity, type ChannelRow } from '../../db/entities.js';

/** All channel queries. Conditional updates make live-state changes safe across server processes. */
export class ChannelRepository {
  private readonly repo: Repository<ChannelRow>;

  constructor(ds: DataSource) {
    this.repo = ds.getRepository(ChannelEntity);
  }

  findBySlug(slug: string): Promise<ChannelRow | null> {
    return this.repo.findOneBy({ slug });
  }

  findById(id: number): Promise<ChannelRow | null> {
    return this.repo.findOneBy({ id });
  }

  findByPlaybackId(playbackId: string): Promise<ChannelRow | null> {
    return this.repo.findOneBy({ playbackId });
  }

  findByStreamKeyId(streamKeyId: string): Promise<ChannelRow | null> {
    return this.repo.findOneBy({ streamKeyId });
  }

  findByLiveClientId(liveClientId: string): Promise<ChannelRow | null> {
    return this.repo.findOneBy({ liveClientId, live: true });
  }

  findByOwner(ownerId: number): Promise<ChannelRow | null> {
    return this.repo.findOneBy({ ownerId });
  }

  findByIds(ids: readonly number[]): Promise<ChannelRow[]> {
    return ids.length ? this.repo.findBy({ id: In([...ids]) }) : Promise.resolve([]);
  }

  async update(id: number, patch: Partial<ChannelRow>): Promise<void> {
    await this.repo.update({ id }, { ...patch, updatedAt: new Date() });
  }

  async setThumbnail(id: number, at: Date): Promise<void> {
    await this.repo.update({ id }, { thumbnailAt: at });
  }

  /** Channels viewers see live: claimed by a publisher and playable (or waiting for it to come back). */
  listLive(limit: number): Promise<ChannelRow[]> {
    return this.repo.find({ where: { live: true, playableAt: Not(IsNull()) }, order: { liveSince: 'ASC' }, take: limit });
  }

  /** Every channel a publisher holds, playable or not yet (reconciliation, the playable watch). */
  listClaimed(limit: number): Promise<ChannelRow[]> {
    return this.repo.find({ where: { live: true }, order: { liveSince: 'ASC' }, take: limit });
  }

  list(limit: number): Promise<ChannelRow[]> {
    return this.repo.find({ order: { live: 'DESC', playableAt: 'DESC', updatedAt: 'DESC' }, take: limit });
  }

  async insert(row: Omit<ChannelRow, 'id'>): Promise<ChannelRow> {
    const result = await this.repo.insert(row);
    const id = result.identifiers[0]?.['id'] as number;
    return { ...row, id };
  }

  async setStreamKey(id: number, streamKeyId: string, streamKeyHash: string): Promise<void> {
    await this.repo.update({ id }, { streamKeyId, streamKeyHash, updatedAt: new Date() });
  }

  /**
   * Marks the channel live only if it is offline, or still held by `staleClientId`
   * (a publisher nginx no longer has). Returns false when another publisher won.
   */
  async claimLive(id: number, clientId: string, node: string | null, since: Date, staleClientId: string | null): Promise<boolean> {
    const qb = this.repo
      .createQueryBuilder()
      .update()
      .set({ live: true, liveClientId: clientId, liveNode: node, liveSince: since, playableAt: null, updatedAt: since })
      .where('id = :id', { id });
    if (staleClientId === null) qb.andWhere('live = :off', { off: false });
    else qb.andWhere('(live = :off OR live_client_id = :stale)', { off: false, stale: staleClientId });
    const result = await qb.execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * The stream of publisher `clientId` answered its first playlist: viewers may see it live now.
   * False when that publisher no longer holds the channel, or it was already playable.
   */
  async markPlayable(id: number, clientId: string, at: Date): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ playableAt: at, updatedAt: at })
      .where('id = :id', { id })
      .andWhere('live = :on', { on: true })
      .andWhere('live_client_id = :clientId', { clientId })
      .andWhere('playable_at IS NULL')
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async setSession(id: number, currentSessionId: number): Promise<void> {
    await this.repo.update({ id }, { currentSessionId });
  }

  /** Marks offline if `clientId` (when given) still holds the channel. */
  async releaseLive(id: number, clientId: string | null): Promise<boolean> {
    const qb = this.repo
      .createQueryBuilder()
      .update()
      .set({ live: false, liveClientId: null, liveNode: null, liveSince: null, playableAt: null, currentSessionId: null, graceUntil: null, updatedAt: new Date() })
      .where('id = :id', { id })
      .andWhere('live = :on', { on: true });
    if (clientId !== null) qb.andWhere('live_client_id = :clientId', { clientId });
    const result = await qb.execute();
    return (result.affected ?? 0) > 0;
  }

  /** Be right back: the publisher `clientId` is gone; the channel stays live (same session) until `until`. */
  async enterGrace(id: number, clientId: string | null, until: Date): Promise<boolean> {
    const qb = this.repo
      .createQueryBuilder()
      .update()
      .set({ liveClientId: null, graceUntil: until, updatedAt: new Date() })
      .where('id = :id', { id })
      .andWhere('live = :on', { on: true })
      .andWhere('grace_until IS NULL');
    if (clientId !== null) qb.andWhere('live_client_id = :clientId', { clientId });
    const result = await qb.execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * A republish within the grace takes the channel back, on whichever ingest node it arrived (`node`);
   * false when the grace was over or someone else resumed.
   */
  async resumeFromGrace(id: number, clientId: string, node: string | null, now: Date): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ liveClientId: clientId, liveNode: node, graceUntil: null, updatedAt: now })
      .where('id = :id', { id })
      .andWhere('live = :on', { on: true })
      .andWhere('grace_until > :now', { now })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Ends a grace that ran out (and only then: a resume in between wins). */
  async releaseExpiredGrace(id: number, now: Date): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ live: false, liveClientId: null, liveNode: null, liveSince: null, playableAt: null, currentSessionId: null, graceUntil: null, updatedAt: now })
      .where('id = :id', { id })
      .andWhere('grace_until <= :now', { now })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  listExpiredGraces(now: Date, limit: number): Promise<ChannelRow[]> {
    return this.repo.find({ where: { graceUntil: LessThanOrEqual(now) }, take: limit });
  }

  /** Live channels whose publisher is connected (not waiting in a grace). */
  listPublishing(limit: number): Promise<ChannelRow[]> {
    return this.repo.find({ where: { live: true, graceUntil: IsNull(), liveClientId: Not(IsNull()) }, order: { liveSince: 'ASC' }, take: limit });
  }
}

import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { AppError } from '../errors/app-error.js';
import { ChatModerationRepository } from '../modules/chat/chat-moderation.repository.js';
import { createFilter, loadDefaultLists, runFilterCheck, type ChatFilter } from '../modules/chat/filter/index.js';
import type { CliContext } from './context.js';

/** `lait filter check [--channel slug]`: one JSON verdict per stdin line, with a channel's own words and mode if given. */
export function registerFilterCommands(program: Command, withContext: <T>(fn: (ctx: CliContext) => Promise<T>) => Promise<T>, out: Writable): void {
  program
    .command('filter')
    .description('the chat profanity filter')
    .command('check')
    .description('read lines on stdin, print one JSON verdict per line')
    .option('--channel <slug>', "add the channel's own words and use its mask/block mode")
    .action(async (opts: { channel?: string }) => {
      const base = loadDefaultLists();
      let filter: ChatFilter = createFilter({ ...base, action: 'mask' });
      if (opts.channel) {
        filter = await withContext(async (ctx) => {
          const channel = await ctx.channels.repository.findBySlug(opts.channel!);
          if (!channel) throw new AppError('CHANNEL_NOT_FOUND', `No channel "${opts.channel}"`, 404);
          const chat = new ChatModerationRepository(ctx.ds);
          const [words, settings] = await Promise.all([chat.channelWords(channel.id), chat.settings(channel.id)]);
          return createFilter({ words: [...base.words, ...words], allow: base.allow, action: settings.filterMode });
        });
      }
      const summary = await runFilterCheck(process.stdin, out, filter);
      process.stderr.write(`${summary.flagged} of ${summary.lines} lines flagged\n`);
    });
}

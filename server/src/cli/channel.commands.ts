import type { Command } from 'commander';
import { visibleText } from '@lait/shared';
import type { ChannelCredentials } from '../modules/channels/channel.service.js';
import type { CliContext } from './context.js';
import { print } from './output.js';

function describeCredentials(c: ChannelCredentials): string {
  return [
    `channel:    ${c.slug}`,
    `watch:      ${c.watchUrl}`,
    `server:     ${c.rtmpUrl}`,
    `stream key: ${c.streamKey}`,
    '',
    'The stream key is shown this once. In OBS: Settings → Stream → Service "Custom",',
    'paste the server and the key; Settings → Output → Keyframe Interval 1 s.',
  ].join('\n');
}

export function registerChannelCommands(program: Command, withContext: <T>(fn: (ctx: CliContext) => Promise<T>) => Promise<T>): void {
  const channel = program.command('channel').description('create channels and manage stream keys');

  channel
    .command('create <slug>')
    .description('create a channel and print its stream key (shown once)')
    .option('--title <title>', 'channel title')
    .option('--json', 'print JSON for scripts')
    .action(async (slug: string, opts: { title?: string; json?: boolean }) =>
      withContext(async (ctx) => {
        const { credentials } = await ctx.channels.service.create({ slug, title: opts.title });
        print(ctx.out, Boolean(opts.json), credentials, describeCredentials(credentials));
      }),
    );

  channel
    .command('rotate-key <slug>')
    .description('replace the stream key; the old key stops working and a stream live on it ends')
    .option('--json', 'print JSON for scripts')
    .action(async (slug: string, opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        const credentials = await ctx.streams.service.rotateKey(slug);
        print(ctx.out, Boolean(opts.json), credentials, describeCredentials(credentials));
      }),
    );

  channel
    .command('list')
    .description('list channels')
    .option('--json', 'print JSON for scripts')
    .action(async (opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        const rows = await ctx.channels.service.list({ limit: 100 });
        const channels = rows.map((r) => ctx.channels.service.toPublic(r));
        const human = channels.map((c) => `${c.live ? '● LIVE' : '○     '}  ${c.slug.padEnd(24)} ${visibleText(c.title)}`).join('\n') || '(no channels yet)';
        print(ctx.out, Boolean(opts.json), { channels }, human);
      }),
    );
}

import type { Writable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { loadCliConfig } from '../config.js';
import { AppError } from '../errors/app-error.js';
import { forTerminal } from './output.js';
import { registerChannelCommands } from './channel.commands.js';
import { createCliContext, type CliContext } from './context.js';
import { registerFilterCommands } from './filter.commands.js';

/** `npx lait …`: admin commands for people and scripts. Exit codes: 0 ok, 1 refused (with a message), 2 usage. */
export async function runCli(argv: string[], out: Writable = process.stdout, err: Writable = process.stderr): Promise<number> {
  const program = new Command('lait')
    .description('Lait (라잇) administration')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.write(s), writeErr: (s) => err.write(s) });

  const withContext = async <T>(fn: (ctx: CliContext) => Promise<T>): Promise<T> => {
    const ctx = await createCliContext(loadCliConfig(err), out);
    try {
      return await fn(ctx);
    } finally {
      await ctx.close();
    }
  };
  registerChannelCommands(program, withContext);
  registerFilterCommands(program, withContext, out);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const message = e instanceof Error ? e.message : String(e);
    const code = e instanceof AppError ? e.code : 'INTERNAL';
    if (argv.includes('--json')) out.write(`${JSON.stringify({ error: { code, message } })}\n`);
    err.write(`lait: ${forTerminal(message)}\n`);
    return 1;
  }
}

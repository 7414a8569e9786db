import type { Writable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { loadConfig, type Config } from '../config.js';
import { databaseUrlOf, findRunningServer } from '../lib/runtime-file.js';
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
    const ctx = await createCliContext(resolveCliConfig(process.env, err), out);
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

/** The password of a database URL, hidden for the terminal. */
function redact(url: string): string {
  return url.replace(/^(mysql:\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

/**
 * The CLI's configuration: the environment's, except that it follows the server running on the same
 * DATA_DIR to its database. A DATABASE_URL that names another database than the running server's is
 * refused rather than silently written to.
 */
export function resolveCliConfig(env: NodeJS.ProcessEnv, err: Writable): Config {
  const config = loadConfig(env);
  const running = findRunningServer(config.dataDir);
  if (!running || running.databaseUrl === databaseUrlOf(config.database)) return config;
  if (env['DATABASE_URL']) {
    throw new AppError(
      'CONFLICT',
      `the server running on ${config.dataDir} (pid ${running.pid}) uses ${redact(running.databaseUrl)}, but DATABASE_URL is ${redact(env['DATABASE_URL'])}. Unset DATABASE_URL to use the server's database, or stop that server.`,
      409,
    );
  }
  err.write(`lait: using the running server's database (${redact(running.databaseUrl)})\n`);
  return loadConfig(env, { DATABASE_URL: running.databaseUrl });
}

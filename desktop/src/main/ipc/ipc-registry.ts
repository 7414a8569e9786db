import {
  IPC_CHANNELS,
  IPC_CONTRACT,
  isIpcChannel,
  type Ack,
  type IpcArgs,
  type IpcChannel,
  type IpcResult,
} from '@lait/shared';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';

/** A handler for channel `C`: gets validated args, may return data or an Ack, may throw. */
export type IpcHandler<C extends IpcChannel> = (
  args: IpcArgs<C>,
) => IpcResult<C> | Ack<IpcResult<C>> | Promise<IpcResult<C> | Ack<IpcResult<C>>>;

/** One handler per channel of the contract; the compiler refuses a missing one. */
export type IpcHandlers = { [C in IpcChannel]: IpcHandler<C> };

/** Dispatches a raw call: unknown channel, bad args, throws and rejections all become Acks. */
export interface IpcRegistry {
  dispatch(channel: unknown, args: unknown): Promise<Ack<unknown>>;
}

function isAck(value: unknown): value is Ack<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  return (value.ok === true && 'data' in value) || (value.ok === false && 'error' in value);
}

/**
 * Build the registry. Every argument is checked against the contract's schema with a compiled
 * TypeBox check before the handler runs, so handlers only ever see well-typed input.
 */
export function createIpcRegistry(handlers: IpcHandlers, log: (msg: string, err: unknown) => void = () => undefined): IpcRegistry {
  const checks = new Map<IpcChannel, TypeCheck<TSchema>>(
    IPC_CHANNELS.map((c) => [c, TypeCompiler.Compile(IPC_CONTRACT[c].args as TSchema)]),
  );
  return {
    async dispatch(channel, args) {
      if (!isIpcChannel(channel)) {
        return { ok: false, error: { code: 'IPC_UNKNOWN_CHANNEL', message: `Unknown channel ${String(channel)}` } };
      }
      const check = checks.get(channel);
      if (!check?.Check(args)) {
        const first = check?.Errors(args).First();
        const where = first?.path || '(arguments)';
        return { ok: false, error: { code: 'VALIDATION_FAILED', message: `${where}: ${first?.message ?? 'invalid'}` } };
      }
      try {
        const handler = handlers[channel] as (a: unknown) => unknown;
        const out = await handler(args);
        return isAck(out) ? out : { ok: true, data: out };
      } catch (err) {
        log(`ipc ${channel} failed`, err);
        return { ok: false, error: { code: 'INTERNAL', message: 'Internal error' } };
      }
    },
  };
}

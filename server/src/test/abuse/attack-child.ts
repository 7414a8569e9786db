/**
 * Runs one attack in its own process, so that the attacker's CPU is not the server's (nor the
 * prober's). argv: <attack> <options as JSON>; sends the result back over IPC.
 */
import { joinFlood } from './join-flood.js';
import { loginSpray } from './login-spray.js';
import { slugFlood } from './slug-flood.js';
import { socketHoard } from './socket-hoard.js';

const [attack, json] = process.argv.slice(2) as [string, string];
const attacks: Record<string, (o: never) => Promise<unknown>> = {
  'join-flood': joinFlood,
  'slug-flood': slugFlood,
  'login-spray': loginSpray,
  'socket-hoard': socketHoard,
};
const run = attacks[attack];
if (!run) throw new Error(`unknown attack ${attack}`);
const result = await run(JSON.parse(json) as never);
process.send!({ result }, () => process.exit(0));

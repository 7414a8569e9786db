import { Initial1764000000001 } from './0001-initial.js';
import { Accounts1764000000002 } from './0002-accounts.js';
import { Chat1764000000003 } from './0003-chat.js';
import { DesktopLogin1764000000004 } from './0004-desktop-login.js';
import { EmailVerified1764000000005 } from './0005-email-verified.js';
import { IngestNode1764000000006 } from './0006-ingest-node.js';
import { StreamerProfile1764000000008 } from './0008-streamer-profile.js';
import { Replays1764000000009 } from './0009-replays.js';
import { Ladder1764000000010 } from './0010-ladder.js';

/** In order. Never edit a released migration: add the next one. */
export const migrations = [
  Initial1764000000001, Accounts1764000000002, Chat1764000000003, DesktopLogin1764000000004, EmailVerified1764000000005,
  IngestNode1764000000006, StreamerProfile1764000000008, Replays1764000000009, Ladder1764000000010,
];

import { Initial1764000000001 } from './0001-initial.js';
import { Accounts1764000000002 } from './0002-accounts.js';
import { Chat1764000000003 } from './0003-chat.js';
import { DesktopLogin1764000000004 } from './0004-desktop-login.js';

/** In order. Never edit a released migration: add the next one. */
export const migrations = [Initial1764000000001, Accounts1764000000002, Chat1764000000003, DesktopLogin1764000000004];

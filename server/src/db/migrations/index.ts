import { Initial1764000000001 } from './0001-initial.js';

/** In order. Never edit a released migration: add the next one. */
export const migrations = [Initial1764000000001];

// tsc compiles only .ts: data files the server reads at run time (the chat filter's word lists) are copied beside the output.
import { cpSync } from 'node:fs';

cpSync('src/modules/chat/filter/lists', 'dist/modules/chat/filter/lists', { recursive: true });

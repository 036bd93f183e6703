#!/usr/bin/env node
// The `millwright` command. TypeScript sources run through tsx's loader, so a clean clone
// needs no build step: `npm ci && npm start` is enough.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../services/cli/main.ts');
await runCli(process.argv.slice(2));

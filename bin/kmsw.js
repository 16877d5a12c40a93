#!/usr/bin/env node
// Runs the TypeScript sources directly (Node >= 22.18 strips types), so `npx kmsw serve` works right after `npm ci`.
import { main } from '../src/cli.ts';

process.exitCode = await main(process.argv.slice(2));

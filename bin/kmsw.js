#!/usr/bin/env node
// The `kmsw` command. From the installed package it runs the built JavaScript (dist/); in a checkout of the
// repository, where src/ exists, it runs the TypeScript sources directly (Node >= 22.18 strips types), so
// `npx kmsw serve` there never runs a stale build.
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli.ts', import.meta.url);
const { main } = await import(existsSync(sources) ? sources.href : '../dist/cli.js');

process.exitCode = await main(process.argv.slice(2));

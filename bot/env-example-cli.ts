/** Writes .env.example from the config schema: `npx tsx bot/env-example-cli.ts`. */
import fs from 'node:fs';
import path from 'node:path';
import { envExample } from './config.ts';

const file = path.join(import.meta.dirname, '..', '.env.example');
fs.writeFileSync(file, envExample());
console.log(`wrote ${file}`);

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** OneCity's version, from package.json. */
export const version: string = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;

// A process that only reads the given files and parses them with `yaml`: timed from outside like the CLI, it is the CLI's floor.
import * as fs from 'node:fs';
import { parseAllDocuments } from 'yaml';

let documents = 0;
for (const file of process.argv.slice(2)) documents += parseAllDocuments(fs.readFileSync(file, 'utf8')).length;
process.stdout.write(`${documents}\n`);

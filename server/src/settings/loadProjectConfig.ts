// Finds and reads the project file from disk, for the CLI and the server; parsing and validation are in projectConfig.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleById } from '../engine/rules/registry';
import { parseProjectConfig, PROJECT_FILE, type ProjectConfig } from './projectConfig';

export function knownRule(id: string): boolean {
  return ruleById(id) !== undefined;
}

/** The project file in `dir`, if there is one; undefined when there is none. Unreadable files throw. */
export function loadProjectConfig(file: string): ProjectConfig & { text: string } {
  const text = fs.readFileSync(file, 'utf8');
  return { ...parseProjectConfig(text, knownRule), text };
}

export function projectFileIn(dir: string): string | undefined {
  const file = path.join(dir, PROJECT_FILE);
  return fs.existsSync(file) ? file : undefined;
}

/** 1-based line and column of an offset, for messages. */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

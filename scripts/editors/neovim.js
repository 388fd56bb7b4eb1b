// Finds Neovim for the headless editor test, installing Debian's `neovim` package when it is missing and we may.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

let aptUpdated = false;

/** The first executable `name` on PATH, or undefined. */
function which(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here: keep looking.
    }
  }
  return undefined;
}

/** Runs a command quietly; on failure, throws one line that names the command and the last line of its output. */
function run(file, args) {
  try {
    execFileSync(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 300_000 });
  } catch (error) {
    const output = `${error.stderr || ''}${error.stdout || ''}`.trim().split('\n').pop() || error.message;
    throw new Error(`${file} ${args.join(' ')} failed: ${output}`);
  }
}

/**
 * The path of `nvim`. When it is missing and we are root on a Debian-like system, installs Debian's `neovim`
 * (apt-get update once per process, then apt-get install -y neovim). Otherwise throws a one-line error.
 */
function ensureNeovim() {
  const found = which('nvim');
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !which('apt-get')) {
    throw new Error('nvim not found: install Neovim 0.7 or later (Debian: apt-get install neovim) and put nvim on PATH');
  }
  // Other tests may be installing packages at the same time: wait for apt's and dpkg's locks instead of failing.
  const wait = ['-o', 'DPkg::Lock::Timeout=180'];
  if (!aptUpdated) {
    run('apt-get', [...wait, 'update']);
    aptUpdated = true;
  }
  run('apt-get', [...wait, 'install', '-y', '--no-install-recommends', 'neovim']);
  const installed = which('nvim');
  if (!installed) throw new Error('apt-get install neovim succeeded but nvim is still not on PATH');
  return installed;
}

module.exports = { ensureNeovim };

if (require.main === module) {
  try {
    console.log(ensureNeovim());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

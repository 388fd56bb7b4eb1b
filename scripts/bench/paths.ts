// Where the benchmark finds the servers, the CLI and the corpus, and where it writes what it generates.
import * as path from 'node:path';

/** The checkout: this file runs from out/scripts/bench/. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const OUR_SERVER = path.join(ROOT, 'dist', 'server.js');
export const OUR_CLI = path.join(ROOT, 'dist', 'cli.js');
export const YLS_BIN = path.join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
export const YLS_PACKAGE = path.join(ROOT, 'node_modules', 'yaml-language-server', 'package.json');
export const BIG_CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus', 'realworld', 'big');
/** Generated files and profiles; out/ is build output, never committed. */
export const BENCH_OUT = path.join(ROOT, 'out', 'bench');
export const DOC = path.join(ROOT, 'docs', 'performance.md');
/** A process that only parses, timed like the CLI. */
export const RAW_PARSE_MAIN = path.join(__dirname, 'rawParseMain.js');
/** The preload that reports a timed process's own wall and CPU time, and the marker of its report on stderr. */
export const CPU_TIMING_PRELOAD = path.join(__dirname, 'cpuTiming.js');
export const TIMING_MARKER = '[bench:timing]';
/** The preload that refuses network access in the servers under test. */
export const NO_NETWORK_PRELOAD = path.join(__dirname, 'noNetwork.js');
/** What the preload writes to stderr for each refused attempt. */
export const NETWORK_MARKER = '[bench:network-attempt]';

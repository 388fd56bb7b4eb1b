// Runs the bundled CLI as a user would (node dist/cli.js ...), and makes throwaway folders of fixtures.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers';

export const CLI = path.join(ROOT, 'dist', 'cli.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `uid` and `gid` run the CLI as another user (tests running as root use them to meet permission errors). */
export function cli(args: readonly string[], options: { cwd?: string; input?: string | Buffer; uid?: number; gid?: number } = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, input: options.input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, uid: options.uid, gid: options.gid });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder holding `files` (relative path -> content); the caller removes it with `rm`. */
export function fixtureDir(files: Readonly<Record<string, string | Buffer>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcg-cli-'));
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return dir;
}

export function rm(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A kube-apiserver static pod with the kubelet flags given, as kubeadm writes it. */
export function apiserverPod(flags: readonly string[]): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: kube-apiserver',
    '  namespace: kube-system',
    'spec:',
    '  containers:',
    '  - name: kube-apiserver',
    '    image: registry.k8s.io/kube-apiserver:v1.31.0',
    '    command:',
    '    - kube-apiserver',
    ...flags.map((f) => `    - ${f}`),
    '',
  ].join('\n');
}

/**
 * Two files, two ends of one channel: the API server verifies kubelet serving certificates against the cluster CA
 * (control-plane/kube-apiserver.yaml, line 17), but the kubelet signs its own (nodes/kubelet-config.yaml, line 4).
 */
export function crossFileFixture(): string {
  const apiserver = fs.readFileSync(path.join(ROOT, 'examples', 'kube-apiserver.yaml'), 'utf8').replace('    - --authorization-mode', '    - --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt\n    - --authorization-mode');
  return fixtureDir({ 'control-plane/kube-apiserver.yaml': apiserver, 'nodes/kubelet-config.yaml': fs.readFileSync(path.join(ROOT, 'examples', 'kubelet-config.yaml'), 'utf8') });
}

/** A file with no finding. */
export const CLEAN = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n';

/** Counts findings per rule in a JSON report. */
export interface JsonReport {
  files: Array<{
    path: string;
    findings: Array<{
      rule: string;
      severity: string;
      message: string;
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
      fixable: boolean;
      fixes: Array<{ title: string; edits: Array<{ range: unknown; newText: string }> }>;
      related: Array<{ path: string; range: { start: { line: number; character: number } }; message: string }>;
    }>;
  }>;
  skipped: Array<{ path: string; reason: string }>;
}

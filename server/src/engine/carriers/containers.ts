// Finds the control-plane components that workload containers run, with their argv, env and flags.
import { isScalar, type Pair, type YAMLMap } from 'yaml';
import { COMPONENT_BINARIES, type ComponentName } from '../flags/catalog';
import { parseFlags, type FlagSet } from '../flags/flagset';
import { shellWords } from '../flags/shell';
import type { ArgToken } from '../flags/tokens';
import type { Component } from '../parse/component';
import { WORKLOAD_POD_SPEC_PATHS, type ParsedDocument } from '../parse/documents';
import { scalarValueOffsets } from '../parse/scalarSource';
import { asMap, asSeq, mapPair, mapPathPair, mapValue, scalarText } from '../parse/yamlNodes';
import { parseVersion } from '../version';
import { ArgvCarrier, type ShellScript } from './argv';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'busybox']);
const HYPERKUBE_SUBCOMMANDS: Readonly<Record<string, ComponentName>> = {
  apiserver: 'kube-apiserver',
  'kube-apiserver': 'kube-apiserver',
  'controller-manager': 'kube-controller-manager',
  'kube-controller-manager': 'kube-controller-manager',
  scheduler: 'kube-scheduler',
  'kube-scheduler': 'kube-scheduler',
  kubelet: 'kubelet',
};
/** Launchers that run the real binary given later on their command line, with flags of their own first. */
const LAUNCHERS = new Set(['go-runner', 'exec', 'env', 'nice', 'tini', 'dumb-init', 'ionice', 'chroot']);

const KUBERNETES_RELEASED = new Set<ComponentName>(['kube-apiserver', 'kubelet', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy']);

function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

function asComponent(word: string): ComponentName | undefined {
  const base = basename(word);
  return Object.prototype.hasOwnProperty.call(COMPONENT_BINARIES, base) ? COMPONENT_BINARIES[base] : undefined;
}

function itemTokens(pair: Pair<unknown, unknown> | undefined, listKey: 'command' | 'args', text: string): ArgToken[] {
  const list = asSeq(pair?.value);
  if (!list) return [];
  const tokens: ArgToken[] = [];
  for (const item of list.items) {
    if (!isScalar(item) || item.value === null || typeof item.value === 'object' || !item.range) continue;
    const value = String(item.value);
    const offsets = typeof item.value === 'string' ? scalarValueOffsets(item, text) : undefined;
    tokens.push({
      text: value,
      offsets,
      range: offsets ? { start: offsets[0] ?? item.range[0], end: offsets[value.length] } : { start: item.range[0], end: item.range[1] },
      item,
      list,
      listKey,
      inShell: false,
    });
  }
  return tokens;
}

/** Words of a `sh -c` script, with source offsets mapped through the YAML scalar. */
function scriptTokens(script: ArgToken): ArgToken[] {
  return shellWords(script.text).map((w) => {
    const offsets = script.offsets ? w.indices.map((ix) => (script.offsets as number[])[ix]) : undefined;
    return {
      text: w.kind === 'operator' ? `\u0000${w.text}` : w.text,
      offsets,
      range: offsets ? { start: offsets[0], end: offsets[w.indices.length - 2] + 1 } : script.range,
      item: script.item,
      list: script.list,
      listKey: script.listKey,
      inShell: true,
    };
  });
}

function isOperator(token: ArgToken): boolean {
  return token.text.startsWith('\u0000');
}

interface Located {
  component: ComponentName;
  binary: ArgToken;
  argv: ArgToken[];
  shell?: ShellScript;
}

/** Finds the binary in a plain argv: first word, after hyperkube, or after a known launcher and its own flags. */
function locateInArgv(words: ArgToken[]): Located | undefined {
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    const direct = asComponent(w.text);
    if (direct) return { component: direct, binary: w, argv: words.slice(i + 1) };
    const base = basename(w.text);
    if (base === 'hyperkube' && words[i + 1]) {
      const sub = HYPERKUBE_SUBCOMMANDS[words[i + 1].text];
      return sub ? { component: sub, binary: words[i + 1], argv: words.slice(i + 2) } : undefined;
    }
    if (!LAUNCHERS.has(base)) return undefined;
    // Skip the launcher's own options and `NAME=value` assignments (for env) up to the next command word.
    i++;
    while (i < words.length && (words[i].text.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].text))) i++;
  }
  return undefined;
}

function locateInShell(words: ArgToken[]): Located | undefined {
  // Scan each simple command of the script; the first that runs a component is the one.
  let start = 0;
  for (let i = 0; i <= words.length; i++) {
    if (i < words.length && !isOperator(words[i])) continue;
    const found = locateInArgv(words.slice(start, i));
    if (found) return found;
    start = i + 1;
  }
  return undefined;
}

function locate(command: ArgToken[], args: ArgToken[]): Located | undefined {
  const argv = [...command, ...args];
  const first = argv[0];
  if (first && SHELLS.has(basename(first.text))) {
    const cIndex = argv.findIndex((t, k) => k > 0 && /^-[a-z]*c[a-z]*$/.test(t.text));
    const script = cIndex > 0 ? argv[cIndex + 1] : undefined;
    if (!script?.list) return undefined;
    const list = script.list;
    const found = locateInShell(scriptTokens(script));
    if (!found) return undefined;
    return {
      ...found,
      shell: { item: script.item, offsets: script.offsets, list, listKey: script.listKey },
    };
  }
  return locateInArgv(argv);
}

/**
 * With no `command`, the image's entrypoint runs with `args`: an image named for a component
 * (`registry.k8s.io/kube-apiserver:v1.31.0`, `quay.io/coreos/etcd:v3.5.0`) runs that component.
 */
function locateByImage(container: YAMLMap<unknown, unknown>, commandPair: Pair<unknown, unknown> | undefined, argsPair: Pair<unknown, unknown> | undefined, text: string): Located | undefined {
  if (commandPair) return undefined;
  const imagePair = mapPair(container, 'image');
  const image = scalarText(imagePair?.value);
  if (!image || !isScalar(imagePair?.value) || !imagePair.value.range) return undefined;
  const repository = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  const component = asComponent(repository);
  if (!component) return undefined;
  const args = itemTokens(argsPair, 'args', text);
  const item = imagePair.value;
  const [start, end] = imagePair.value.range;
  // The image stands in for the binary; new flags go to `args:`.
  const binary: ArgToken = { text: image, range: { start, end }, item, listKey: 'args', inShell: false };
  return { component, binary, argv: args };
}

function containerEnv(container: YAMLMap<unknown, unknown>): Map<string, string> {
  const env = new Map<string, string>();
  for (const item of asSeq(mapValue(container, 'env'))?.items ?? []) {
    const name = scalarText(mapValue(item, 'name'));
    const value = scalarText(mapValue(item, 'value'));
    // Only literal values can be expanded; valueFrom is only known at run time.
    if (name !== undefined && value !== undefined) env.set(name, value);
  }
  return env;
}

function* containersOf(document: ParsedDocument): Generator<YAMLMap<unknown, unknown>> {
  const path = document.kind ? WORKLOAD_POD_SPEC_PATHS[document.kind] : undefined;
  if (!path) return;
  const podSpec = mapPathPair(document.doc.contents, path)?.value;
  for (const key of ['initContainers', 'containers']) {
    for (const item of asSeq(mapValue(podSpec, key))?.items ?? []) {
      const container = asMap(item);
      if (container) yield container;
    }
  }
}

export function findComponents(document: ParsedDocument, text: string): Component[] {
  const found: Component[] = [];
  for (const container of containersOf(document)) {
    const commandPair = mapPair(container, 'command');
    const argsPair = mapPair(container, 'args');
    const located = locate(itemTokens(commandPair, 'command', text), itemTokens(argsPair, 'args', text)) ?? locateByImage(container, commandPair, argsPair, text);
    if (!located) continue;
    const flags: FlagSet = parseFlags(located.component, located.argv, containerEnv(container));
    const name = scalarText(mapValue(container, 'name'));
    found.push({
      component: located.component,
      document,
      node: container,
      label: name === undefined ? undefined : `container ${name}`,
      flags,
      carrier: new ArgvCarrier({ binary: located.binary, argv: located.argv, commandPair, argsPair, shell: located.shell }, () => flags),
      partial: false,
      // etcd and konnectivity have versions of their own; only Kubernetes components' tags are Kubernetes versions.
      version: KUBERNETES_RELEASED.has(located.component) ? parseVersion(scalarText(mapValue(container, 'image'))) : undefined,
    });
  }
  return found;
}

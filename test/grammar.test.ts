// The injection grammar, run by vscode-textmate (VS Code's own tokenizer) over a real YAML grammar, scopes flag names and values.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { ROOT } from './helpers';

const INJECTION = 'kube-channel-guard.flags.injection';
const SUPPRESSIONS = 'kube-channel-guard.suppressions.injection';

let grammar: IGrammar;

function tokens(line: string): Array<{ text: string; scopes: string[] }> {
  const result = grammar.tokenizeLine(line, INITIAL);
  return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
}

function scopeOf(line: string, text: string): string[] {
  return tokens(line).find((t) => t.text === text)?.scopes ?? [];
}

describe('injection grammars for flags and suppression comments', () => {
  before(async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new Registry({
      onigLib: Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) }),
      loadGrammar: async (scope) => {
        if (scope === 'source.yaml') {
          // The YAML grammar that tm-grammars (Shiki) ships, as a stand-in for the one built into VS Code.
          const file = require.resolve('tm-grammars/grammars/yaml.json');
          return parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
        }
        if (scope === INJECTION || scope === SUPPRESSIONS) {
          const file = path.join(ROOT, 'syntaxes', scope === INJECTION ? 'flags.injection.tmLanguage.json' : 'suppressions.injection.tmLanguage.json');
          return parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
        }
        return null;
      },
      getInjections: (scope) => (scope === 'source.yaml' ? [INJECTION, SUPPRESSIONS] : undefined),
    });
    const loaded = await registry.loadGrammar('source.yaml');
    assert.ok(loaded);
    grammar = loaded;
  });

  it('are the grammars package.json contributes', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const grammars = pkg.contributes.grammars as Array<{ scopeName: string; injectTo: string[]; path: string }>;
    assert.deepEqual(grammars.map((g) => g.scopeName), [INJECTION, SUPPRESSIONS]);
    for (const g of grammars) {
      assert.deepEqual(g.injectTo, ['source.yaml']);
      assert.ok(fs.existsSync(path.join(ROOT, g.path)));
    }
  });

  it('scopes the directive, the rule ids and the reason of a suppression comment', () => {
    const line = '  # kube-channel-guard-disable-next-line KCG201, KCG202 -- kubelets serve self-signed certificates';
    assert.ok(scopeOf(line, 'kube-channel-guard-disable-next-line').includes('keyword.control.directive.suppression.kube-channel-guard'));
    assert.ok(scopeOf(line, 'KCG202').includes('constant.other.rule-id.kube-channel-guard'));
    assert.ok(scopeOf(line, ' -- kubelets serve self-signed certificates').includes('comment.line.reason.kube-channel-guard'));
    assert.ok(tokens('  # an ordinary comment about KCG201').every((t) => !t.scopes.includes('constant.other.rule-id.kube-channel-guard')));
  });

  it('scopes the name, the = and the value of a flag in a block item', () => {
    const line = '    - --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt';
    assert.ok(scopeOf(line, 'kubelet-certificate-authority').includes('variable.parameter.flag.kube-channel-guard'));
    assert.ok(scopeOf(line, '=').includes('keyword.operator.assignment.kube-channel-guard'));
    assert.ok(scopeOf(line, '/etc/kubernetes/pki/ca.crt').includes('string.unquoted.flag-value.kube-channel-guard'));
  });

  it('scopes flags in quoted items and flow sequences, and bare bool flags', () => {
    assert.ok(scopeOf('    - "--read-only-port=0"', 'read-only-port').includes('variable.parameter.flag.kube-channel-guard'));
    const flow = '    command: [kubelet, --anonymous-auth, --read-only-port=0]';
    assert.ok(scopeOf(flow, 'anonymous-auth').includes('variable.parameter.flag.kube-channel-guard'));
    assert.ok(scopeOf(flow, '0').includes('string.unquoted.flag-value.kube-channel-guard'));
  });

  it('leaves comments and words that merely contain dashes alone', () => {
    assert.ok(tokens('    # --anonymous-auth=true is bad').every((t) => !t.scopes.includes('variable.parameter.flag.kube-channel-guard')));
    assert.ok(tokens('    name: kube--apiserver').every((t) => !t.scopes.includes('variable.parameter.flag.kube-channel-guard')));
  });
});

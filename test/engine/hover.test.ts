// Hover knows flags, KubeletConfiguration fields and components, and says what this file sets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/engine/analyze';
import { hoverAt } from '../../server/src/engine/hover';
import { kubeletConfig, kubeletDaemonSet } from '../../server/src/engine/rules/examples';

function hover(text: string, needle: string, delta = 1) {
  return hoverAt(analyzeText(text), text.indexOf(needle) + delta);
}

describe('hover', () => {
  it('explains a KubeletConfiguration field with both defaults and its finding', () => {
    const text = kubeletConfig(['readOnlyPort: 10255']);
    const info = hover(text, 'readOnlyPort');
    assert.equal(info?.title, 'readOnlyPort (KubeletConfiguration)');
    assert.equal(info?.channel?.id, 'apiserver-to-kubelet');
    assert.equal(info?.secure, 'readOnlyPort: 0');
    assert.match(info?.current ?? '', /This file sets `10255`. Left out, it defaults to 0 in a config file \(the flag `--read-only-port` defaults to 10255\)/);
    assert.deepEqual(info?.findings.map((f) => f.ruleId), ['KCG207']);
  });

  it('explains a nested field by its full path', () => {
    const text = kubeletConfig(['authentication:', '  anonymous:', '    enabled: true']);
    assert.equal(hover(text, 'enabled')?.title, 'authentication.anonymous.enabled (KubeletConfiguration)');
    assert.equal(hover(text, 'anonymous'), undefined, 'an intermediate key is not a setting');
  });

  it('explains a kubelet flag and notes an occurrence overridden by a later one', () => {
    const text = kubeletDaemonSet(['--read-only-port=0', '--read-only-port=10255']);
    const first = hover(text, '--read-only-port=0', 3);
    assert.equal(first?.title, '--read-only-port (kubelet)');
    assert.match(first?.current ?? '', /Overridden by a later `--read-only-port=10255`/);
  });

  it("summarises a kubelet's channels on its args: key", () => {
    const text = kubeletDaemonSet(['--anonymous-auth=false']);
    const info = hover(text, 'args:');
    assert.equal(info?.title, 'kubelet (container kubelet)');
    const states = Object.fromEntries((info?.channels ?? []).map((c) => [c.channel.id, c.state]));
    assert.match(states['apiserver-to-kubelet'], /^\d findings: KCG205, KCG206, KCG207, KCG208, KCG209$/);
    assert.match(states['node-to-apiserver'], /^(no findings|\d+ findings?: KCG1\d\d(, KCG1\d\d)*)$/);
  });
});

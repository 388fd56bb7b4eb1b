// KCG211-KCG213: cipher suites, TLS minimum version and the streaming idle timeout, in the forms people write them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/engine/analyze';
import { isZeroDuration } from '../../../server/src/engine/rules/apiserver-to-kubelet/durations';
import { kubeletConfig, kubeletDaemonSet } from '../../../server/src/engine/rules/examples';
import { applyEdits } from '../../helpers';

function findings(id: string, text: string) {
  return analyzeText(text).findings.filter((f) => f.ruleId === id);
}

describe('KCG211 kubelet-tls-weak-cipher-suites', () => {
  it('judges every occurrence of the flag, since each one appends', () => {
    const text = kubeletDaemonSet(['--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', '--tls-cipher-suites', 'TLS_RSA_WITH_AES_256_GCM_SHA384']);
    const [finding, ...rest] = findings('KCG211', text);
    assert.equal(rest.length, 0);
    assert.match(finding.message, /TLS_RSA_WITH_AES_256_GCM_SHA384/);
    assert.match(finding.message, /forward secrecy/);
    assert.equal(finding.range.start.line, 21);
  });

  it('accepts both spellings of the ChaCha20 suites and the TLS 1.3 names', () => {
    const suites = 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256';
    assert.deepEqual(findings('KCG211', kubeletDaemonSet([`--tls-cipher-suites=${suites}`])), []);
  });

  it('reports a name Go does not know, because the kubelet will not start', () => {
    const [finding] = findings('KCG211', kubeletConfig(['tlsCipherSuites:', '- TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', '- ECDHE-RSA-AES128-GCM-SHA256']));
    assert.match(finding.message, /ECDHE-RSA-AES128-GCM-SHA256, which Go does not know/);
  });

  it('says nothing when the list is unset or empty: Go defaults apply', () => {
    assert.deepEqual(findings('KCG211', kubeletConfig(['readOnlyPort: 0'])), []);
    assert.deepEqual(findings('KCG211', kubeletConfig(['tlsCipherSuites: []'])), []);
    assert.deepEqual(findings('KCG211', kubeletDaemonSet(['--read-only-port=0'])), []);
  });

  it('offers no fix', () => {
    const [finding] = findings('KCG211', kubeletDaemonSet(['--tls-cipher-suites=TLS_RSA_WITH_RC4_128_SHA']));
    assert.deepEqual(finding.fixes, []);
    assert.match(finding.message, /RC4 is broken/);
  });
});

describe('KCG212 kubelet-tls-min-version-weak', () => {
  it('reports only TLS 1.0 and 1.1, in either flag form, and fixes in place', () => {
    const text = kubeletDaemonSet(['--tls-min-version', 'VersionTLS11']);
    const [finding] = findings('KCG212', text);
    assert.equal(applyEdits(text, finding.fixes[0].edits), kubeletDaemonSet(['--tls-min-version', 'VersionTLS12']));
    for (const ok of ['VersionTLS12', 'VersionTLS13', '']) assert.deepEqual(findings('KCG212', kubeletDaemonSet([`--tls-min-version=${ok}`])), [], ok);
  });

  it('says nothing about a partial (templated) file that leaves it out, and still reports an explicit value there', () => {
    assert.deepEqual(findings('KCG212', kubeletConfig(['port: {{ .Values.port }}'])), []);
    assert.equal(findings('KCG212', kubeletConfig(['port: {{ .Values.port }}', 'tlsMinVersion: VersionTLS10'])).length, 1);
  });
});

describe('KCG213 kubelet-streaming-connection-idle-timeout-disabled', () => {
  it('knows zero in every Go duration spelling', () => {
    for (const zero of ['0', '0s', '0m', '0h0m0s', '-0s', '+0ms', '0.0s', '.0h', '0µs', '0us', '0ns']) assert.equal(isZeroDuration(zero), true, zero);
    for (const other of ['1', '00', '4h', '0h30m', '1ns', '0x', 's', '', '-', '0s0', '5m0s', '1.5h']) assert.equal(isZeroDuration(other), false, other);
  });

  it('reports 0 on the command line, in the split form and in any spelling', () => {
    assert.equal(findings('KCG213', kubeletDaemonSet(['--streaming-connection-idle-timeout', '0m'])).length, 1);
    assert.equal(findings('KCG213', kubeletDaemonSet(['--streaming-connection-idle-timeout=-0.0s'])).length, 1);
    assert.deepEqual(findings('KCG213', kubeletDaemonSet(['--streaming-connection-idle-timeout=5m'])), []);
    // A unitless 1 is not a Go duration: the kubelet rejects it, but it is not a disabled timeout.
    assert.deepEqual(findings('KCG213', kubeletDaemonSet(['--streaming-connection-idle-timeout=1'])), []);
  });

  it('says nothing about a zero in a KubeletConfiguration: defaulting turns it into 4h, and kubeadm writes 0s there', () => {
    for (const zero of ['0s', "'0h0m0s'", '0']) assert.deepEqual(findings('KCG213', kubeletConfig([`streamingConnectionIdleTimeout: ${zero}`])), [], zero);
  });

  it('is info: it does not open the channel, it keeps authorized sessions alive', () => {
    const [finding] = findings('KCG213', kubeletDaemonSet(['--streaming-connection-idle-timeout=0s']));
    assert.equal(finding.severity, 'info');
  });
});

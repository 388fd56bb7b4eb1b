// The channel map as HTML: one self-contained page with every link and channel and its state, findings linked to their
// lines, text from manifests escaped, and the webview's content security policy.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeWorkspace } from '../../server/src/engine/workspace/analyzeWorkspace';
import { channelMapOf, type ChannelMap } from '../../server/src/engine/workspace/channelMap';
import { renderChannelMapHtml } from '../../server/src/report/channelMapHtml';
import { ROOT } from '../helpers';

const EXAMPLES = path.join(ROOT, 'examples');

function examplesMap(): ChannelMap {
  const names = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort();
  return channelMapOf(analyzeWorkspace(names.map((name) => ({ uri: `examples/${name}`, text: fs.readFileSync(path.join(EXAMPLES, name), 'utf8') }))));
}

/** The inner HTML of the details section of a link, channel or box. */
function section(html: string, id: string): string {
  const m = new RegExp(`<section id="details-${id}"[^>]*>([\\s\\S]*?)</section>`).exec(html);
  assert.ok(m, `the page has a details section for ${id}`);
  return m[1];
}

/** Attribute values of one name throughout the page. */
function attributes(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1]);
}

const WEBHOOK = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: "<script>alert('name')</script>"
webhooks:
- name: "x.<img src=x onerror=alert(1)>.io"
  clientConfig:
    url: "http://evil.example/<script>alert(1)</script>"
  admissionReviewVersions: ["v1"]
  sideEffects: None
`;
const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- name: "c<b>\\"onmouseover=\\"alert(5)"
  cluster:
    server: "http://<img src=x onerror=alert(2)>:8080"
contexts: []
users: []
`;

describe('the channel map report', () => {
  const map = examplesMap();
  const html = renderChannelMapHtml(map, { title: 'Channel map of examples/' });

  it('is one HTML document that loads nothing: no external script, style, image or link, and a policy that forbids them', () => {
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.equal((html.match(/<\/html>/g) ?? []).length, 1);
    assert.doesNotMatch(html, /<link\b|<img\b|<iframe\b|@import|url\((?!#)/i, 'nothing but the arrowheads defined in the page itself');
    assert.deepEqual(attributes(html, 'src'), [], 'no src attribute at all');
    const hrefs = attributes(html, 'href');
    assert.ok(hrefs.length > 10, 'findings are links');
    assert.deepEqual(hrefs.filter((h) => !/^(\.\/|file:|#)/.test(h)), [], 'links point at files next to the report, never at a server');
    assert.doesNotMatch(html, /(src|href)="https?:/i);
    const csp = (/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '').replace(/&#39;/g, "'");
    assert.match(csp, /default-src 'none'/, 'the page may not fetch anything, even if a link or style slipped in');
    assert.match(html, /<style>[\s\S]*\.edge[\s\S]*<\/style>/, 'the style is inline');
    assert.match(html, /<script>[\s\S]*addEventListener[\s\S]*<\/script>/, 'the behaviour is inline');
  });

  it('draws every link of the map with its state as a class, a word and a glyph, and its finding count', () => {
    assert.equal(map.edges.length, 9);
    for (const e of map.edges) {
      const group = new RegExp(`<g class="edge state-${e.state}" id="edge-${e.id}" data-select="edge-${e.id}" data-channel="${e.channel}" data-state="${e.state}" data-count="${e.findings.length}" tabindex="0" role="button" aria-pressed="false" aria-label="([^"]*)">([\\s\\S]*?)</g></g>`).exec(html);
      assert.ok(group, `the link ${e.id} is drawn, focusable, with its state`);
      const [, label, body] = group;
      assert.match(label, new RegExp(`: ${e.state}, ${e.findings.length} findings?$`), 'the accessible name says the state and the count in words');
      const glyph = { open: '✕', weak: '!', ok: '✓', unknown: '?' }[e.state];
      assert.match(body, new RegExp(`class="pill-state">\\${glyph} ${e.state}`), 'the label on the line says the state in text, not only in colour');
    }
    const states = Object.fromEntries(map.edges.map((e) => [e.id, `${e.state} ${e.findings.length}`]));
    assert.equal(states['apiserver-to-kubelets'], 'open 9', 'the examples leave the kubelet link open');
    assert.equal(states['apiserver-to-webhooks'], 'unknown 0');
  });

  it('has a button for each of the four channels with its state and count', () => {
    for (const c of map.channels) {
      assert.match(html, new RegExp(`<button type="button" class="channel state-${c.state}" data-select="channel-${c.id}" data-state="${c.state}" aria-pressed="false"><span class="channel-title">[^<]+</span> <span class="channel-state">[^<]*${c.state}[^<]*</span></button>`));
    }
    assert.deepEqual(
      map.channels.map((c) => c.id),
      ['node-to-apiserver', 'apiserver-to-kubelet', 'apiserver-to-nodes-pods-services', 'control-plane-internal'],
    );
  });

  it("lists each link's findings in its details, each linked to its file and line", () => {
    for (const e of map.edges) {
      const details = section(html, `edge-${e.id}`);
      for (const f of e.findings) {
        const name = f.uri.replace(/^examples\//, '');
        assert.ok(details.includes(`href="./${f.uri}#L${f.range.start.line + 1}"`), `${f.ruleId} links to ./${f.uri}#L${f.range.start.line + 1}`);
        assert.ok(details.includes(`${name}:${f.range.start.line + 1}`), `${f.ruleId} shows ${name}:${f.range.start.line + 1}`);
        assert.ok(details.includes(`<code class="rule">${f.ruleId}</code>`));
      }
    }
    const kubelets = section(html, 'edge-apiserver-to-kubelets');
    assert.match(kubelets, /KCG204<\/code> <span class="msg">authentication\.anonymous\.enabled is true/);
    assert.match(kubelets, /<h3>Configured in<\/h3>[\s\S]*KubeletConfiguration <span class="loc">kubelet-config\.yaml:3<\/span>/);
  });

  it("lists a channel's findings under each of its links", () => {
    const channel = section(html, 'channel-apiserver-to-kubelet');
    assert.equal((channel.match(/class="finding"/g) ?? []).length, map.channels.find((c) => c.id === 'apiserver-to-kubelet')?.findingCount);
    const nodeToApiserver = section(html, 'channel-node-to-apiserver');
    for (const id of ['clients-to-apiserver', 'kubelets-to-apiserver', 'pods-to-apiserver']) assert.ok(nodeToApiserver.includes(`data-select="edge-${id}"`));
  });

  it('shows the overview first and keeps the other details for the script to reveal (all of them when scripts are off)', () => {
    assert.match(html, /<section id="details-overview">/);
    assert.equal((html.match(/<section id="details-[^"]+" hidden>/g) ?? []).length, map.edges.length + map.channels.length + 1 + map.spokes.length + (map.other.length > 0 ? 1 : 0));
    assert.match(html, /<noscript><style>\.details > section\[hidden\] \{ display: block; \}<\/style><\/noscript>/);
  });
});

describe('text from manifests in the report', () => {
  const map = channelMapOf(
    analyzeWorkspace([
      { uri: 'hooks/<img src=x onerror=alert(3)>.yaml', text: WEBHOOK },
      { uri: 'javascript:alert(4).yaml', text: KUBECONFIG },
    ]),
  );
  const html = renderChannelMapHtml(map, { title: '<script>alert("title")</script>' });

  it('reaches the page: names, URLs and file names from these manifests are in the findings', () => {
    const messages = map.edges.flatMap((e) => e.findings.map((f) => f.message)).join('\n');
    assert.match(messages, /<script>alert\('name'\)<\/script>/);
    assert.match(messages, /<img src=x onerror=alert\(2\)>/);
  });

  it('is escaped everywhere: no tag, attribute or script from a manifest, a file name or the title gets through', () => {
    assert.doesNotMatch(html, /<img|<b>|<script>alert|"onmouseover/);
    // Every attribute of every tag, quoted values left out: an escape that failed would show up as an `on...=` handler.
    const handlers = [...html.matchAll(/<[a-zA-Z][^>]*>/g)].flatMap((m) => [...m[0].replace(/"[^"]*"/g, '""').matchAll(/\s(on\w+)=/gi)].map((a) => a[1]));
    assert.deepEqual(handlers, []);
    assert.equal((html.match(/<script\b/g) ?? []).length, 1, 'one script: the page\'s own');
    assert.match(html, /&lt;script&gt;alert\(&#39;name&#39;\)&lt;\/script&gt;/);
    assert.match(html, /<title>&lt;script&gt;alert\(&quot;title&quot;\)&lt;\/script&gt;<\/title>/);
    assert.match(html, /hooks\/&lt;img src=x onerror=alert\(3\)&gt;\.yaml:\d+/, 'the file name is shown as text');
  });

  it('never turns a file name into a script link', () => {
    const hrefs = attributes(html, 'href');
    assert.ok(hrefs.some((h) => h.startsWith('./javascript%3Aalert(4).yaml#L')), `a file named javascript:... is a relative link: ${hrefs.join(' ')}`);
    assert.ok(hrefs.some((h) => h.startsWith('./hooks/%3Cimg%20src%3Dx%20onerror%3Dalert(3)%3E.yaml#L')));
    assert.deepEqual(hrefs.filter((h) => /^javascript:/i.test(h)), []);
  });
});

describe('links from the report to files', () => {
  function hrefsFor(uri: string): string[] {
    const map = channelMapOf(analyzeWorkspace([{ uri, text: KUBECONFIG.replace(/"c<b>[^\n]*/, 'plain') }]));
    return attributes(renderChannelMapHtml(map, {}), 'href').filter((h) => h !== '#');
  }

  it('are relative for relative paths, file: URLs for absolute paths and file URIs, and absent for other schemes', () => {
    assert.ok(hrefsFor('clusters/a b.yaml').every((h) => /^\.\/clusters\/a%20b\.yaml#L\d+$/.test(h)));
    assert.ok(hrefsFor('/srv/k8s/kubeconfig.yaml').every((h) => /^file:\/\/\/srv\/k8s\/kubeconfig\.yaml#L\d+$/.test(h)));
    assert.ok(hrefsFor('file:///srv/k8s/kubeconfig.yaml').every((h) => /^file:\/\/\/srv\/k8s\/kubeconfig\.yaml#L\d+$/.test(h)));
    assert.ok(hrefsFor('C:\\k8s\\kubeconfig.yaml').every((h) => /^file:\/\/\/C:\/k8s\/kubeconfig\.yaml#L\d+$/.test(h)));
    assert.deepEqual(hrefsFor('vscode-remote://host/srv/kubeconfig.yaml'), []);
    assert.deepEqual(hrefsFor('https://example.com/kubeconfig.yaml'), []);
    assert.ok(hrefsFor('clusters/kubeconfig.yaml').length > 0);
  });
});

describe('the channel map in a webview', () => {
  const map = examplesMap();
  const nonce = 'bm9uY2Ugbm9uY2Ugbm9uY2U=';
  const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';
  const html = renderChannelMapHtml(map, { webview: { cspSource, nonce } });

  it('allows only its own nonce-tagged style and script', () => {
    const csp = (/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '').replace(/&#39;/g, "'");
    assert.equal(csp, `default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`);
    assert.doesNotMatch(html, /unsafe-inline/);
    assert.match(html, new RegExp(`<style nonce="${nonce}">`));
    assert.match(html, new RegExp(`<script nonce="${nonce}">`));
    assert.doesNotMatch(html, /\sstyle="/, 'no style attributes: the policy would block them');
    assert.doesNotMatch(html, /<noscript>/);
  });

  it('turns findings into messages to the extension (uri and range), not links, and has a Refresh button', () => {
    const kcg204 = map.edges.flatMap((e) => e.findings).find((f) => f.ruleId === 'KCG204');
    assert.ok(kcg204);
    const range = JSON.stringify(kcg204.range).replace(/"/g, '&quot;');
    assert.ok(html.includes(`<a class="finding-link" href="#" data-uri="examples/kubelet-config.yaml" data-range="${range}">`));
    assert.deepEqual([...new Set(attributes(html, 'href'))], ['#']);
    assert.match(html, /<button type="button" id="refresh">Refresh<\/button>/);
    assert.match(html, /postMessage\(\{ type: 'open', uri: link\.getAttribute\('data-uri'\), range: JSON\.parse\(link\.getAttribute\('data-range'\)\) \}\)/);
  });
});

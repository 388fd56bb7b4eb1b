// --format html: the channel map as one self-contained page, with links to the files that work from where it is written.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cli, crossFileFixture, rm } from './run';

function hrefs(html: string): string[] {
  return [...new Set([...html.matchAll(/href="([^"#][^"]*)"/g)].map((m) => m[1]))].sort();
}

describe('kube-channel-guard --format html', () => {
  it('writes one self-contained page with the findings linked to their lines, and the usual exit status', () => {
    const dir = crossFileFixture();
    const r = cli(['--format', 'html', '.'], { cwd: dir });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^<!DOCTYPE html>/);
    assert.match(r.stdout, /<title>Kube Channel Guard: channel map<\/title>/);
    assert.ok(r.stdout.includes('KCG214'), 'the cross-file finding is on the map');
    assert.ok(hrefs(r.stdout).includes('./control-plane/kube-apiserver.yaml#L17'));
    assert.ok(hrefs(r.stdout).includes('./nodes/kubelet-config.yaml#L4'));
    // Nothing is loaded from elsewhere: no external scripts, styles or images.
    assert.doesNotMatch(r.stdout, /<(script|link|img)[^>]+(src|href)="(https?:)?\/\//);
    assert.equal(cli(['--format', 'html', '--fail-on', 'never', '.'], { cwd: dir }).status, 0);
    rm(dir);
  });

  it('takes --title, escaped, and with --output links the files relative to the report', () => {
    const dir = crossFileFixture();
    fs.mkdirSync(path.join(dir, 'reports'));
    const r = cli(['--format', 'html', '--title', 'prod <cluster>', '--output', 'reports/map.html', '.'], { cwd: dir });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    const html = fs.readFileSync(path.join(dir, 'reports', 'map.html'), 'utf8');
    assert.match(html, /<title>prod &lt;cluster&gt;<\/title>/);
    const links = hrefs(html).filter((h) => h.startsWith('./'));
    assert.ok(links.includes('./../control-plane/kube-apiserver.yaml#L17'), links.join(' '));
    // Every link resolves to a file that exists, seen from the report's folder.
    for (const link of links) assert.ok(fs.existsSync(path.join(dir, 'reports', decodeURIComponent(link.replace(/#.*$/, '')))), link);
    rm(dir);
  });
});

// The --exclude matcher: `*` and `?` within one folder, `**` across folders, base names, literal everything else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExcludeMatcher, globToRegExp } from '../../server/src/cli/glob';

function matches(glob: string, p: string): boolean {
  return globToRegExp(glob).test(p);
}

describe('--exclude globs', () => {
  it('keeps * and ? within one path segment', () => {
    assert.ok(matches('*.yaml', 'a.yaml'));
    assert.ok(!matches('*.yaml', 'dir/a.yaml'));
    assert.ok(matches('dir/?.yaml', 'dir/a.yaml'));
    assert.ok(!matches('dir/?.yaml', 'dir/ab.yaml'));
    assert.ok(!matches('a?b', 'a/b'));
  });

  it('lets ** span any number of folders, none included', () => {
    assert.ok(matches('**/test/*.yaml', 'test/a.yaml'));
    assert.ok(matches('**/test/*.yaml', 'x/y/test/a.yaml'));
    assert.ok(matches('charts/**', 'charts'));
    assert.ok(matches('charts/**', 'charts/a/b/c.yaml'));
    assert.ok(!matches('charts/**', 'chartsx/a.yaml'));
    assert.ok(matches('a/**/b.yaml', 'a/b.yaml'));
    assert.ok(matches('a/**/b.yaml', 'a/x/y/b.yaml'));
    assert.ok(matches('**', 'anything/at/all'));
  });

  it('takes regular-expression and other glob characters literally', () => {
    assert.ok(matches('values (prod).yaml', 'values (prod).yaml'));
    assert.ok(!matches('a.yaml', 'abyaml'));
    assert.ok(matches('[x].yaml', '[x].yaml'));
    assert.ok(!matches('[x].yaml', 'x.yaml'));
    assert.ok(matches('{a,b}.yaml', '{a,b}.yaml'));
  });

  it('ignores a leading ./ and a trailing /, and accepts backslashes', () => {
    assert.ok(matches('./charts/', 'charts'));
    assert.ok(matches('charts\\*.yaml', 'charts/a.yaml'));
  });

  it('excludes a path when a pattern with a slash matches it whole, or a pattern without one matches its base name', () => {
    const m = new ExcludeMatcher(['*.tmpl.yaml', 'vendor']);
    assert.ok(m.excludes('deep/down/x.tmpl.yaml'));
    assert.ok(m.excludes('vendor'));
    assert.ok(m.excludes('a/vendor'));
    assert.ok(!m.excludes('vendor.yaml'));
    assert.ok(new ExcludeMatcher(['b/*.yaml']).excludes('nope', 'b/x.yaml'));
    // As in .gitignore, a pattern with a slash is matched against whole paths only.
    assert.ok(!new ExcludeMatcher(['x/**']).excludes('charts/x'));
    assert.ok(new ExcludeMatcher(['x/**']).excludes('x'));
    assert.ok(!new ExcludeMatcher([]).excludes('anything'));
  });
});

// The template of KCG105 and KCG106: an authorizer that `--authorization-mode` lists without a mode the cluster needs.
import { componentsOf } from '../templates/flags';
import type { Rule, RuleMeta } from '../types';
import { flagFormats } from '../../docs/formats';
import { authorizationModes, elementsOf, rewriteListFix, spell, spellSetting } from './flagHelpers';

/**
 * One finding per API server whose `--authorization-mode` lacks `mode`. An unset flag is KCG104's
 * finding (it defaults to AlwaysAllow) and `--authorization-config` moves the chain to a file, so
 * both say nothing here. The fix puts Node first and RBAC last, as kubeadm writes them.
 */
export function authorizationModeMissing(meta: RuleMeta, mode: 'Node' | 'RBAC', consequence: string): Rule {
  return {
    meta: { ...meta, formats: meta.formats ?? flagFormats('kube-apiserver') },
    check(context) {
      for (const c of componentsOf(context, 'kube-apiserver')) {
        const authz = authorizationModes(c);
        if (!authz || authz.occurrences.length === 0 || authz.modes.includes(mode)) continue;
        const target = mode === 'Node' ? authz.occurrences[0] : authz.occurrences[authz.occurrences.length - 1];
        const current = elementsOf(target);
        const elements = mode === 'Node' ? [mode, ...current] : [...current, mode];
        context.report({
          range: target.range,
          message: `${spellSetting(c, 'authorization-mode', authz.modes.join(','))} does not include ${mode}: ${consequence}`,
          fixes: rewriteListFix(context, c, target, elements, `Add ${mode} to ${spell(c, 'authorization-mode')}`),
        });
      }
    },
  };
}

// KCG421: the controller manager cannot check who calls its HTTPS endpoint.
import { atLeast } from '../../version';
import { flagRequired } from '../templates/flags';
import { controllerManagerPod, secureKcmFlagsExcept } from './examples';
import { withoutComponents } from './setting';

const AUTHN = '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf';
const AUTHZ = '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf';
const others = secureKcmFlagsExcept('authentication-kubeconfig', 'authorization-kubeconfig');

const rule = flagRequired(
  {
    id: 'KCG421',
    name: 'controller-manager-delegated-auth-missing',
    channel: 'control-plane-internal',
    severity: 'info',
    summary: 'kube-controller-manager runs without `--authentication-kubeconfig` or `--authorization-kubeconfig`, so its HTTPS endpoint cannot check callers with the API server.',
    rationale: [
      'The controller manager\'s HTTPS port (10257) asks the API server who a caller is (TokenReview, with `--authentication-kubeconfig`) and what it may do (SubjectAccessReview, with `--authorization-kubeconfig`). Without the first, every bearer token counts as anonymous; without the second, every request outside `--authorization-always-allow-paths` is refused. That fails closed, but it leaves no authenticated way to scrape `/metrics`, which historically pushed operators to the plain-HTTP port (KCG416) or to widening the always-allowed paths.',
      '',
      'kubeadm sets both to `/etc/kubernetes/controller-manager.conf`. With `--secure-port=0` nothing listens and this rule says nothing.',
    ].join('\n'),
    remediation:
      'Set both flags to a kubeconfig whose identity may create TokenReviews and SubjectAccessReviews (kubeadm: `/etc/kubernetes/controller-manager.conf`), then grant metrics scrapers `get` on the `/metrics` non-resource URL. The quick fix adds the missing flag with kubeadm\'s path.',
    references: [
      { title: 'kube-controller-manager command line reference', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/' },
      { title: 'kubernetes/kubernetes#96216: controller manager insecure serving disabled (delegated auth required)', url: 'https://github.com/kubernetes/kubernetes/pull/96216' },
    ],
    examples: {
      valid: [
        { title: 'A kubeadm controller manager', text: controllerManagerPod([...others, AUTHN, AUTHZ]) },
        { title: 'HTTPS endpoint turned off', text: controllerManagerPod([...others, '--secure-port=0']) },
      ],
      invalid: [
        { title: 'No delegated authorization', text: controllerManagerPod([...others, AUTHN]), fixed: controllerManagerPod([...others, AUTHN, AUTHZ]) },
        { title: 'No delegated authentication', text: controllerManagerPod([...others, AUTHZ]), fixed: controllerManagerPod([...others, AUTHZ, AUTHN]) },
      ],
    },
  },
  'kube-controller-manager',
  [
    { name: 'authentication-kubeconfig', value: '/etc/kubernetes/controller-manager.conf' },
    { name: 'authorization-kubeconfig', value: '/etc/kubernetes/controller-manager.conf' },
  ],
  (flag) =>
    flag.endsWith('authentication-kubeconfig')
      ? `kube-controller-manager has no ${flag}: its HTTPS endpoint treats every token as anonymous, leaving no authenticated way to scrape /metrics`
      : `kube-controller-manager has no ${flag}: its HTTPS endpoint refuses everything but the always-allowed paths, leaving no authorized way to scrape /metrics`,
);

// The HTTPS endpoint and these flags came in 1.12; with --secure-port=0 nothing listens.
export default withoutComponents(rule, (c, context) => !atLeast(context.versionOf(c), '1.12') || c.flags.last('secure-port')?.value.trim() === '0');

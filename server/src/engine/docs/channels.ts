// What each channel is, in the words used by hover, the component summary and the generated docs.
import type { ChannelId } from '../types';

export interface ChannelInfo {
  id: ChannelId;
  title: string;
  description: string;
}

export const CHANNELS: Readonly<Record<ChannelId, ChannelInfo>> = {
  'node-to-apiserver': {
    id: 'node-to-apiserver',
    title: 'node → API server',
    description:
      'Nodes, pods and control-plane components call the API server over HTTPS (hub and spoke). The API server must authenticate every client (client certificates, service-account tokens, kubelet TLS bootstrap) and authorize it.',
  },
  'apiserver-to-kubelet': {
    id: 'apiserver-to-kubelet',
    title: 'API server → kubelet',
    description:
      "The API server calls each kubelet's HTTPS endpoint for logs, exec, attach and port-forward. By default it does not verify the kubelet's serving certificate, and the kubelet must authenticate and authorize the API server's calls itself.",
  },
  'apiserver-to-nodes-pods-services': {
    id: 'apiserver-to-nodes-pods-services',
    title: 'API server → nodes, pods and services',
    description:
      "The API server's proxy, aggregated APIs and admission webhooks connect from the API server to nodes, pods and services: plain HTTP unless configured otherwise; SSH tunnels are replaced by Konnectivity.",
  },
  'control-plane-internal': {
    id: 'control-plane-internal',
    title: 'control plane internal',
    description:
      'The API server talks to etcd, etcd members talk to each other, and the controller manager and scheduler expose their own endpoints. Each link needs TLS with verified peers.',
  },
  general: {
    id: 'general',
    title: 'command line and suppressions',
    description:
      "Findings about the file itself rather than one channel: how a component reads its own command line (a mistake there changes what every channel setting means, or stops the component from starting), and suppression comments that silence nothing.",
  },
};

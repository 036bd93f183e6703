// Sparkplug B topic namespace (Sparkplug 3.0 §4.1): spBv1.0/<group>/<type>/<edge node>[/<device>]
// and the host application state topic spBv1.0/STATE/<host id> (§4.1.2, §7.5).
export const NAMESPACE = 'spBv1.0';

export const MESSAGE_TYPES = [
  'NBIRTH',
  'NDEATH',
  'DBIRTH',
  'DDEATH',
  'NDATA',
  'DDATA',
  'NCMD',
  'DCMD',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export type SparkplugTopic =
  | {
      readonly kind: 'edge';
      readonly group: string;
      readonly type: MessageType;
      readonly edgeNode: string;
      readonly device: string | undefined;
    }
  | { readonly kind: 'state'; readonly hostId: string };

export function parseTopic(topic: string): SparkplugTopic | undefined {
  const parts = topic.split('/');
  if (parts[0] !== NAMESPACE) return undefined;
  if (parts[1] === 'STATE' && parts.length === 3 && parts[2] !== undefined) {
    return { kind: 'state', hostId: parts[2] };
  }
  const [, group, type, edgeNode, device, ...rest] = parts;
  if (group === undefined || edgeNode === undefined || rest.length > 0) return undefined;
  if (!(MESSAGE_TYPES as readonly string[]).includes(type ?? '')) return undefined;
  const isDevice = (type ?? '').startsWith('D');
  if (isDevice !== (device !== undefined)) return undefined;
  return { kind: 'edge', group, type: type as MessageType, edgeNode, device };
}

export const edgeTopic = (
  group: string,
  type: MessageType,
  edgeNode: string,
  device?: string,
): string =>
  [NAMESPACE, group, type, edgeNode, ...(device === undefined ? [] : [device])].join('/');

export const stateTopic = (hostId: string): string => `${NAMESPACE}/STATE/${hostId}`;

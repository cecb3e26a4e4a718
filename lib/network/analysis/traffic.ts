import { EMPTY, intersect, isEmpty, renderRanges, subtract, union, type RangeSet } from '../port-set';

/** Traffic by protocol: destination ports for tcp and udp; `other` (ICMP and the rest) is [[0, 0]] or empty. */
export interface Traffic {
  readonly tcp: RangeSet;
  readonly udp: RangeSet;
  readonly other: RangeSet;
}

export const ALL_PORTS: RangeSet = [[0, 65535]];
export const NONE: Traffic = { tcp: EMPTY, udp: EMPTY, other: EMPTY };
export const ALL: Traffic = { tcp: ALL_PORTS, udp: ALL_PORTS, other: [[0, 0]] };
const KEYS = ['tcp', 'udp', 'other'] as const;

const map = (a: Traffic, b: Traffic, op: (x: RangeSet, y: RangeSet) => RangeSet): Traffic => ({
  tcp: op(a.tcp, b.tcp),
  udp: op(a.udp, b.udp),
  other: op(a.other, b.other),
});

export const tUnion = (a: Traffic, b: Traffic) => map(a, b, (x, y) => union(x, y));
export const tIntersect = (a: Traffic, b: Traffic) => map(a, b, intersect);
export const tSubtract = (a: Traffic, b: Traffic) => map(a, b, subtract);
export const tIsEmpty = (t: Traffic) => KEYS.every((key) => isEmpty(t[key]));

/** Traffic of a protocol as CloudFormation writes it (`-1`, `tcp`, `6`, `udp`, `17`, `icmp`, …) and a port range. */
export function trafficOf(protocol: unknown, from?: unknown, to?: unknown): Traffic {
  const name = String(protocol).toLowerCase();
  const low = from === undefined || Number(from) === -1 ? 0 : Number(from);
  const high = to === undefined || Number(to) === -1 ? 65535 : Number(to);
  const ports: RangeSet = [[low, high]];
  if (name === '-1' || name === 'all') return ALL;
  if (name === 'tcp' || name === '6') return { ...NONE, tcp: ports };
  if (name === 'udp' || name === '17') return { ...NONE, udp: ports };
  return { ...NONE, other: [[0, 0]] };
}

/** `tcp/443`, `tcp/1024-65535 udp/53`, or `all traffic`. */
export function renderTraffic(t: Traffic): string {
  if (KEYS.every((key) => renderRanges(t[key]) === renderRanges(ALL[key]))) return 'all traffic';
  return [
    ...(['tcp', 'udp'] as const).filter((key) => !isEmpty(t[key])).map((key) => `${key}/${renderRanges(t[key])}`),
    ...(isEmpty(t.other) ? [] : ['icmp/other']),
  ].join(' ');
}

/** Declared traffic of one protocol as a Traffic value. */
export const fromProtocol = (protocol: 'tcp' | 'udp', ports: RangeSet): Traffic => ({ ...NONE, [protocol]: ports });

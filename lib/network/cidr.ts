import * as ipaddr from 'ipaddr.js';

/** An IPv4 CIDR block as an inclusive range of 32-bit addresses. */
export interface Ipv4Block {
  readonly cidr: string;
  readonly first: number;
  readonly last: number;
  readonly prefix: number;
}

const toNumber = (address: ipaddr.IPv4) => address.toByteArray().reduce((n, byte) => n * 256 + byte, 0);
const toAddress = (n: number) => new ipaddr.IPv4([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);

/** Why a string is not an IPv4 network in CIDR notation, or undefined when it is one. */
export function cidrProblem(cidr: string): string | undefined {
  const [address, bits, ...rest] = cidr.split('/');
  if (
    rest.length > 0 ||
    bits === undefined ||
    !/^\d{1,2}$/.test(bits) ||
    !ipaddr.IPv4.isValidFourPartDecimal(address)
  ) {
    return `${cidr} is not an IPv4 CIDR block such as 10.0.0.0/16`;
  }
  if (Number(bits) > 32) return `${cidr} has a prefix length above 32`;
  const network = ipaddr.IPv4.networkAddressFromCIDR(cidr).toString();
  if (network !== address) return `${cidr} has host bits set (the network is ${network}/${bits})`;
  return undefined;
}

/** Parses a CIDR block (throws on anything `cidrProblem` rejects). */
export function parseCidr(cidr: string): Ipv4Block {
  const problem = cidrProblem(cidr);
  if (problem) throw new Error(problem);
  const [address, prefix] = ipaddr.IPv4.parseCIDR(cidr);
  const first = toNumber(address);
  return { cidr, first, last: first + 2 ** (32 - prefix) - 1, prefix };
}

/** The block `first`–`first + 2^(32-prefix) - 1` in CIDR notation. */
export function blockAt(first: number, prefix: number): Ipv4Block {
  return parseCidr(`${toAddress(first).toString()}/${prefix}`);
}

/** True when two blocks share at least one address. */
export function overlaps(a: { first: number; last: number }, b: { first: number; last: number }): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** True when `outer` contains every address of `inner`. */
export function contains(outer: { first: number; last: number }, inner: { first: number; last: number }): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

/** Splits a block into 2^`extraBits` equal blocks, in address order. */
export function split(block: Ipv4Block, extraBits: number): Ipv4Block[] {
  const prefix = block.prefix + extraBits;
  const size = 2 ** (32 - prefix);
  return Array.from({ length: 2 ** extraBits }, (_, i) => blockAt(block.first + i * size, prefix));
}

/** Private address space a VPC may use: RFC 1918 and the RFC 6598 shared range. */
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map(parseCidr);

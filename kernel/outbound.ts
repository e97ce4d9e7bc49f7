import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Requests the platform makes to addresses users give it (dataset image URLs, webhook targets) must never reach the
 * platform's own network: loopback, private, link-local (cloud metadata), carrier-grade NAT, and every other special
 * range, in any spelling (IPv4-mapped IPv6, 6to4, NAT64 …). The decision is made on the resolved address, at connect
 * time, so a name that resolves differently later (DNS rebinding) is caught too.
 */

/** Hosts and networks an operator allows although they are internal (e.g. `hooks.internal,10.1.0.0/16`). */
export interface OutboundAllowList {
  hosts: string[];
  networks: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]>;
}

export function parseAllowList(entries: string[]): OutboundAllowList {
  const allow: OutboundAllowList = { hosts: [], networks: [] };
  for (const entry of entries.map((item) => item.trim().toLowerCase()).filter(Boolean)) {
    if (entry.includes('/')) allow.networks.push(ipaddr.parseCIDR(entry));
    else if (ipaddr.isValid(entry)) allow.networks.push([ipaddr.process(entry), ipaddr.process(entry).kind() === 'ipv4' ? 32 : 128]);
    else allow.hosts.push(entry);
  }
  return allow;
}

/** Whether `address` is an ordinary public unicast address (mapped IPv6 forms judged as the IPv4 they carry). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** Whether the address may be reached: public, or on the operator's allow-list (by the host's name or its network). */
export function isReachable(address: string, host: string, allow: OutboundAllowList): boolean {
  return isPublicAddress(address) || allowed(address, host, allow);
}

function allowed(address: string, host: string, allow: OutboundAllowList): boolean {
  if (allow.hosts.includes(host.toLowerCase())) return true;
  const parsed = ipaddr.process(address);
  return allow.networks.some(([network, bits]) => network.kind() === parsed.kind() && parsed.match(network, bits));
}

/** The one answer for every refused target: it says nothing about what is there (no port or host oracle). */
export class OutboundRefusedError extends Error {
  override name = 'OutboundRefusedError';
  constructor() {
    super('The address is not reachable from the platform');
  }
}

/** Checks a URL's literal host before any connection (a literal IP never goes through DNS lookup). */
export function checkOutboundUrl(url: URL, allow: OutboundAllowList): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundRefusedError();
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !isReachable(host, host, allow)) throw new OutboundRefusedError();
}

/** A `lookup` for node:http(s)/net that resolves a name and refuses it unless every address is public or allowed. */
export function guardedLookup(allow: OutboundAllowList): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = addresses as LookupAddress[];
      if (list.length === 0 || list.some(({ address }) => !isReachable(address, hostname, allow))) {
        return callback(new OutboundRefusedError(), '', 4);
      }
      if ((options as { all?: boolean }).all) return (callback as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

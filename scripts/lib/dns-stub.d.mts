/** Types of dns-stub.mjs, for the deploy tests that run the edge template against it. */
export interface DnsStub {
  /** host:port of the UDP listener, as nginx's `resolver` takes it. */
  address: string;
  /** Every name asked so far, in order. */
  queries: string[];
  close(): Promise<void>;
}

/** Answers A queries for `<label>.<zone>` from `records` (label → IPv4), NXDOMAIN otherwise. */
export function startDnsStub(zone: string, records: Record<string, string>): Promise<DnsStub>;

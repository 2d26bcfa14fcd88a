import { describe, expect, it } from 'vitest';
import { module as net } from '../../../src/lang/funcs/net/index.js';
import { module as http } from '../../../src/lang/funcs/net/http/index.js';
import { CatchableError } from '../../../src/lang/funcs/registry.js';
import { formatValue } from '../../../src/lang/types/value.js';
import { call, find, start } from './host-harness.js';

const f = (name: string, ...args: string[]) => call(find(net, name), args);

describe('net cidr functions', () => {
  it('take IPv4 CIDRs apart', () => {
    expect(f('cidr_to_ip', '192.0.2.7/24')).toBe('192.0.2.7');
    expect(f('cidr_to_prefix', '192.0.2.0/24')).toBe('24');
    expect(f('cidr_to_mask', '192.0.2.0/24')).toBe('255.255.255.0');
    expect(f('cidr_to_mask', '10.0.0.0/13')).toBe('255.248.0.0');
    expect(f('cidr_to_network', '192.0.2.7/24')).toBe('192.0.2.0');
    expect(f('cidr_to_first', '192.0.2.7/24')).toBe('192.0.2.1');
    expect(f('cidr_to_last', '192.0.2.7/24')).toBe('192.0.2.254');
    expect(f('cidr_to_first', '192.0.2.6/31')).toBe('192.0.2.6');
    expect(f('cidr_to_last', '192.0.2.6/31')).toBe('192.0.2.7');
    expect(f('cidr_to_last', '192.0.2.6/32')).toBe('192.0.2.6');
  });

  it('take IPv6 CIDRs apart, printing like Go', () => {
    expect(f('cidr_to_ip', '2001:DB8:0:0:1::1/64')).toBe('2001:db8::1:0:0:1');
    expect(f('cidr_to_mask', '2001:db8::/64')).toBe('ffff:ffff:ffff:ffff::');
    expect(f('cidr_to_network', '2001:db8::5/64')).toBe('2001:db8::');
    expect(f('cidr_to_first', '2001:db8::/64')).toBe('2001:db8::1');
    expect(f('cidr_to_last', '2001:db8::/64')).toBe('2001:db8::ffff:ffff:ffff:ffff');
    expect(f('cidr_to_ip', '::ffff:192.0.2.1/120')).toBe('192.0.2.1');
  });

  it('reject bad CIDRs catchably with Go\'s text', () => {
    for (const bad of ['192.0.2.0', '192.0.2.0/33', '192.0.02.0/24', '300.0.0.0/8', '1::2::3/64', 'x/1']) {
      expect(() => f('cidr_to_ip', bad)).toThrow(new CatchableError(`invalid CIDR address: ${bad}`));
    }
  });

  it('tests membership', () => {
    expect(f('ip_in_cidr', '192.0.2.9', '192.0.2.0/24')).toBe(true);
    expect(f('ip_in_cidr', '192.0.3.9', '192.0.2.0/24')).toBe(false);
    expect(f('ip_in_cidr', '2001:db8::9', '2001:db8::/32')).toBe(true);
    expect(f('ip_in_cidr', '192.0.2.9', '2001:db8::/32')).toBe(false);
    expect(() => f('ip_in_cidr', 'nope', '192.0.2.0/24')).toThrow(CatchableError);
  });
});

describe('net mac functions', () => {
  it('recognise and reformat MAC addresses', () => {
    expect(f('is_mac', '00:1a:2B:3c:4d:5e')).toBe(true);
    expect(f('is_mac', '00-1a-2b-3c-4d-5e')).toBe(true);
    expect(f('is_mac', '001a.2b3c.4d5e')).toBe(true);
    expect(f('is_mac', '00:1a:2b:3c:4d')).toBe(false);
    expect(f('is_mac', '00:1a:2b:3c:4d:zz')).toBe(false);
    expect(f('macfmt', '00-1a-2b-3c-4d-5e')).toBe('00:1a:2b:3c:4d:5e');
    expect(f('oldmacfmt', '00:1a:2b:3c:4d:5e')).toBe('00-1a-2b-3c-4d-5e');
    expect(() => f('macfmt', '00:1a:2b:3c:4d:zz')).toThrow(CatchableError);
    expect(() => f('macfmt', '001a.2b3c.4d5e')).toThrow(CatchableError);
  });
});

describe('net.split_hostport', () => {
  it('splits like Go', () => {
    expect(formatValue(f('split_hostport', 'example.com:80'))).toBe('struct{host: "example.com"; port: "80"}');
    expect(formatValue(f('split_hostport', '[::1]:443'))).toBe('struct{host: "::1"; port: "443"}');
    expect(formatValue(f('split_hostport', ':8080'))).toBe('struct{host: ""; port: "8080"}');
    expect(() => f('split_hostport', 'example.com')).toThrow('address example.com: missing port in address');
    expect(() => f('split_hostport', '::1:80')).toThrow('address ::1:80: too many colons in address');
    expect(() => f('split_hostport', '[::1]')).toThrow(CatchableError);
  });
});

describe('net.url_parser', () => {
  it('gives the parts func2/url_parser shows', () => {
    expect(formatValue(f('url_parser', 'https://www.example.com/search?q=mgmt'))).toBe(
      'struct{scheme: "https"; host: "www.example.com"; path: "/search"; raw_query: "q=mgmt"}',
    );
    expect(formatValue(f('url_parser', 'ftp://example.com/apath'))).toBe(
      'struct{scheme: "ftp"; host: "example.com"; path: "/apath"; raw_query: ""}',
    );
    expect(formatValue(f('url_parser', 'https://www3.weird.url/?qu=ery'))).toBe(
      'struct{scheme: "https"; host: "www3.weird.url"; path: "/"; raw_query: "qu=ery"}',
    );
  });

  it('follows Go: lower-cased scheme, decoded path, userinfo and fragment dropped', () => {
    expect(formatValue(f('url_parser', 'HTTP://u:p@h:8080/a%20b?x#frag'))).toBe(
      'struct{scheme: "http"; host: "h:8080"; path: "/a b"; raw_query: "x"}',
    );
  });

  it('fails catchably on errors and on a missing scheme', () => {
    expect(() => f('url_parser', '://x')).toThrow(/missing protocol scheme/);
    expect(() => f('url_parser', 'http://a b/')).toThrow(/invalid character " " in host name/);
    expect(() => f('url_parser', 'http://h/%zz')).toThrow(/invalid URL escape "%zz"/);
    expect(() => f('url_parser', 'http://h:port/')).toThrow(/invalid port ":port" after host/);
    expect(() => f('url_parser', '/just/a/path')).toThrow(CatchableError);
  });
});

describe('net interface streams', () => {
  it('emit promptly', async () => {
    for (const [name, args] of [['macs', []], ['interface_cidr', ['lo']], ['wired_interface', []]] as const) {
      const run = start(find(net, name), [...args]);
      try {
        await run.until(1, 10_000); // a hang guard: it emits at once
      } finally {
        run.stop();
      }
    }
  });
});

describe('net/http.response', () => {
  it('emits "no response yet" until the engine wires http:client in', async () => {
    const run = start(find(http, 'response'), ['/tmp/output']);
    await run.until(1);
    run.stop();
    expect(formatValue(run.values[0])).toBe('struct{status: 0; output: ""}');
  });
});

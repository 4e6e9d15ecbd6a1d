import { describe, expect, test } from 'vitest';
import { type Resolver, UnsafeUrlError, checkOutboundUrl } from '../../src/net/outbound-address.ts';

const strict = { allowLoopback: false };
const forTests = { allowLoopback: true };

/** A DNS that knows a few names; nothing here is ever connected to. */
const dns: Resolver = async (host) => {
  const zone: Record<string, string[]> = {
    'hooks.example.test': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
    'intranet.example.test': ['10.1.2.3'],
    'mixed.example.test': ['93.184.216.34', '192.168.0.10'],
    'metadata.example.test': ['169.254.169.254'],
  };
  const addresses = zone[host];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

const refusal = async (url: string, policy = strict) => {
  const error = await checkOutboundUrl(url, policy, dns).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, url).toBeInstanceOf(UnsafeUrlError);
  return (error as Error).message;
};

describe('the outbound address policy of webhooks', () => {
  test.each([
    ['https://127.0.0.1/hook', 'Refused: 127.0.0.1 is a loopback address (this server itself); webhooks may only reach public addresses.'],
    ['https://[::1]:8443/hook', 'Refused: ::1 is a loopback address (this server itself); webhooks may only reach public addresses.'],
    ['https://10.0.0.8/hook', 'Refused: 10.0.0.8 is a private network address (RFC 1918); webhooks may only reach public addresses.'],
    ['https://192.168.1.20/hook', 'Refused: 192.168.1.20 is a private network address (RFC 1918); webhooks may only reach public addresses.'],
    ['https://172.16.5.4/hook', 'Refused: 172.16.5.4 is a private network address (RFC 1918); webhooks may only reach public addresses.'],
    ['https://169.254.169.254/latest/meta-data/', 'Refused: 169.254.169.254 is the cloud metadata service; webhooks may only reach public addresses.'],
    ['https://[fd00:ec2::254]/', 'Refused: fd00:ec2::254 is the cloud metadata service; webhooks may only reach public addresses.'],
    ['https://169.254.10.1/', 'Refused: 169.254.10.1 is a link-local address; webhooks may only reach public addresses.'],
    ['https://[fe80::1]/', 'Refused: fe80::1 is a link-local address; webhooks may only reach public addresses.'],
    ['https://[fc00::5]/', 'Refused: fc00::5 is a private network address (fc00::/7); webhooks may only reach public addresses.'],
    ['https://100.64.0.1/', 'Refused: 100.64.0.1 is a carrier-grade NAT address (100.64.0.0/10); webhooks may only reach public addresses.'],
    ['https://0.0.0.0/', 'Refused: 0.0.0.0 is the unspecified address; webhooks may only reach public addresses.'],
    ['https://224.0.0.1/', 'Refused: 224.0.0.1 is a multicast address; webhooks may only reach public addresses.'],
  ])('%s is refused by address', async (url, message) => {
    expect(await refusal(url)).toBe(message);
  });

  test('addresses written another way are judged as what they are', async () => {
    // The URL parser reads 0x7f.1 as 127.0.0.1; an IPv4-mapped IPv6 address is its IPv4 address.
    expect(await refusal('https://0x7f.1/hook')).toMatch(/^Refused: 127\.0\.0\.1 is a loopback address/);
    expect(await refusal('https://[::ffff:10.0.0.1]/hook')).toMatch(/a private network address \(RFC 1918\)/);
    expect(await refusal('https://[::ffff:169.254.169.254]/')).toMatch(/the cloud metadata service/);
  });

  test('a name is judged by every address it resolves to', async () => {
    expect(await refusal('https://intranet.example.test/hook')).toBe(
      'Refused: intranet.example.test resolves to 10.1.2.3, a private network address (RFC 1918); webhooks may only reach public addresses.',
    );
    expect(await refusal('https://mixed.example.test/hook')).toMatch(/^Refused: mixed\.example\.test resolves to 192\.168\.0\.10, a private network address/);
    expect(await refusal('https://metadata.example.test/')).toMatch(/resolves to 169\.254\.169\.254, the cloud metadata service/);
  });

  test('localhost, resolved by the system, is this server', async () => {
    const error = await checkOutboundUrl('https://localhost:9/hook', strict).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeUrlError);
    expect((error as Error).message).toMatch(/^Refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
  });

  test('only https, without credentials in the URL', async () => {
    expect(await refusal('http://hooks.example.test/hook')).toBe('Webhook URLs must start with https:// (got http://…).');
    expect(await refusal('ftp://hooks.example.test/hook')).toBe('Webhook URLs must start with https:// (got ftp://…).');
    expect(await refusal('https://user:pw@hooks.example.test/hook')).toBe(
      'Webhook URLs cannot carry a user name or password; every request is signed instead.',
    );
    expect(await refusal('hooks.example.test/hook')).toMatch(/^"hooks\.example\.test\/hook" is not a URL/);
  });

  test('a public name passes, pinned to the address that was checked', async () => {
    const checked = await checkOutboundUrl('https://Hooks.Example.test:443/hook?x=1', strict, dns);
    expect(checked).toMatchObject({ host: 'hooks.example.test', address: '93.184.216.34', family: 4 });
    expect(checked.url.href).toBe('https://hooks.example.test/hook?x=1');
  });

  test('a name that does not resolve is a DNS failure, not a refusal (it may be transient)', async () => {
    const error = await checkOutboundUrl('https://nowhere.example.test/', strict, dns).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(UnsafeUrlError);
    expect(error).toMatchObject({ code: 'ENOTFOUND' });
  });

  test('the test-only setting lets loopback in, http included, and nothing else', async () => {
    await expect(checkOutboundUrl('http://127.0.0.1:8080/hook', forTests)).resolves.toMatchObject({ address: '127.0.0.1', family: 4 });
    await expect(checkOutboundUrl('https://[::1]/hook', forTests)).resolves.toMatchObject({ address: '::1', family: 6 });
    expect(await refusal('https://10.0.0.8/hook', forTests)).toMatch(/a private network address/);
    expect(await refusal('http://hooks.example.test/hook', forTests)).toBe(
      'Webhook URLs must start with https:// (http:// is only for loopback test receivers).',
    );
  });
});

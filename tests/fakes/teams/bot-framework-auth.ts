import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type JWTPayload, SignJWT, exportJWK, generateKeyPair } from 'jose';

const botFrameworkIssuer = 'https://api.botframework.com';

/**
 * Bot Framework's signing side, locally: an OpenID metadata document whose jwks_uri lists one RSA
 * key (endorsed for msteams, as Microsoft's are), and a signer of Bot Framework-style tokens with
 * that key. `foreignSigner` signs with a key the document does not list.
 */
export async function startFakeBotFrameworkAuth() {
  const kid = 'fake-bf-key-1';
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const other = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] };
  let metadataRequests = 0;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (path === '/v1/.well-known/openidconfiguration') {
      metadataRequests++;
      return send({ issuer: botFrameworkIssuer, jwks_uri: `${url}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    }
    if (path === '/v1/.well-known/keys') return send({ keys: [jwk] });
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** A token as Bot Framework sends it with an activity; every claim can be overridden for the refusal tests. */
  async function sign(
    claims: { appId: string; serviceUrl: string; issuedAt: Date; lifetimeSeconds?: number } & Partial<Record<'iss' | 'aud', string>> & { extra?: JWTPayload },
    key = privateKey,
  ) {
    const iat = Math.floor(claims.issuedAt.getTime() / 1000);
    return new SignJWT({ serviceurl: claims.serviceUrl, ...claims.extra })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(claims.iss ?? botFrameworkIssuer)
      .setAudience(claims.aud ?? claims.appId)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + (claims.lifetimeSeconds ?? 3600))
      .sign(key);
  }

  return {
    url,
    openIdMetadataUrl: `${url}/v1/.well-known/openidconfiguration`,
    sign,
    foreignSigner: (claims: Parameters<typeof sign>[0]) => sign(claims, other.privateKey),
    metadataRequests: () => metadataRequests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * One webhook POST over node:http(s). Not fetch: pinning the connection to the address that passed
 * the SSRF check needs a custom DNS look-up, which node:http(s) takes as an option (`lookup`) while
 * fetch would need the undici package's Agent; and node:http(s) never follows a redirect.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedUrl } from '../../net/outbound-address.ts';

export interface WebhookResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The start of the body, for the delivery's error message. */
  excerpt: string;
}

/** Enough of a receiver's answer to say what went wrong; the rest is not read. */
const excerptBytes = 1024;

/** Resolves every name to the checked address, so DNS cannot answer differently for the connection. */
function pinnedLookup(target: CheckedUrl): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

/**
 * Sends `body` and reads the start of the answer. Rejects on a network error, or when the whole
 * exchange takes longer than `timeoutMs`; a non-2xx answer resolves (the caller judges it).
 */
export function postWebhook(target: CheckedUrl, headers: Record<string, string>, body: string, timeoutMs: number): Promise<WebhookResponse> {
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(target.url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      lookup: pinnedLookup(target),
      // A fresh connection each time: a pooled one may lead to an address checked for another send.
      agent: false,
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let length = 0;
      const done = () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, excerpt: Buffer.concat(chunks).toString('utf8').slice(0, excerptBytes) });
      };
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        length += chunk.length;
        if (length >= excerptBytes) {
          response.destroy();
          done();
        }
      });
      response.on('end', done);
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    request.end(body);
  });
}

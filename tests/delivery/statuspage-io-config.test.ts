import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';

describe('Atlassian Statuspage settings', () => {
  test('off unless configured; both key and page id turn it on, the API address defaulting to api.statuspage.io', () => {
    expect(loadConfig({}).statuspage).toBeNull();
    expect(loadConfig({ STATUSPAGE_API_KEY: 'k-secret', STATUSPAGE_PAGE_ID: 'gytm4qzbx9t6' }).statuspage).toEqual({
      apiKey: 'k-secret',
      pageId: 'gytm4qzbx9t6',
      apiUrl: 'https://api.statuspage.io/v1',
    });
    expect(loadConfig({ STATUSPAGE_API_KEY: 'k', STATUSPAGE_PAGE_ID: 'p1', STATUSPAGE_API_URL: 'http://127.0.0.1:9/v1/' }).statuspage!.apiUrl).toBe(
      'http://127.0.0.1:9/v1',
    );
  });

  test('one without the other is refused with a message naming the missing one, never showing the key', () => {
    expect(() => loadConfig({ STATUSPAGE_API_KEY: 'k-secret' })).toThrow(
      'environment: STATUSPAGE_PAGE_ID is required with STATUSPAGE_API_KEY (set both to mirror updates on Atlassian Statuspage, or neither)',
    );
    expect(() => loadConfig({ STATUSPAGE_PAGE_ID: 'p1' })).toThrow('environment: STATUSPAGE_API_KEY is required with STATUSPAGE_PAGE_ID');
    expect(() => loadConfig({ STATUSPAGE_API_KEY: 'k-secret', STATUSPAGE_PAGE_ID: 'not a page/id' })).toThrow(
      'environment: STATUSPAGE_PAGE_ID: a Statuspage page id is letters and digits, e.g. gytm4qzbx9t6',
    );
    expect(() => loadConfig({ STATUSPAGE_API_KEY: 'k', STATUSPAGE_PAGE_ID: 'p1', STATUSPAGE_API_URL: 'ftp://x' })).toThrow(
      /^environment: STATUSPAGE_API_URL: /,
    );
  });
});

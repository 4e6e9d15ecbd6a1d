import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { PermanentDeliveryError, RetryLaterError } from '../../src/delivery/target.ts';
import { githubIssues } from '../../src/trackers/github.ts';
import { failureOf } from '../support/failure-of.ts';
import { type FakeGithub, startFakeGithub } from '../fakes/github/server.ts';

const now = new Date('2021-09-15T13:50:00Z');
let github: FakeGithub;
const client = (token = 'ghp_right', timeoutMs = 10_000) =>
  githubIssues({ repository: 'acme/platform', labels: [], token, webhookSecret: null, apiUrl: github.url }, () => now, timeoutMs);
const issue = { title: 'Alert on queue depth', lines: ['Follow-up F1 of INC-1'], followUp: 'F1' };

beforeAll(async () => {
  github = await startFakeGithub({ token: 'ghp_right', repository: 'acme/platform' });
});
afterAll(() => github.close());
afterEach(() => github.clearFailures());

test('a request GitHub does not answer in time is a failure to retry, not a refusal', async () => {
  github.failNext({ hang: true });
  const error = await failureOf(client('ghp_right', 200).create(issue));
  expect(error).toBeInstanceOf(Error);
  expect(error).not.toBeInstanceOf(PermanentDeliveryError);
  expect((error as Error).message).toMatch(/^GitHub did not answer while creating an issue/);
  expect(github.issues).toHaveLength(0);
});

test('a rate limit waits as GitHub asks: retry-after first, else until x-ratelimit-reset', async () => {
  github.failNext({ status: 429, headers: { 'retry-after': '30' } });
  expect(await failureOf(client().create(issue))).toMatchObject({ name: 'RetryLaterError', retryAfterMs: 30_000 });
  github.failNext({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now.getTime() / 1000 + 90) } });
  const error = await failureOf(client().create(issue));
  expect(error).toBeInstanceOf(RetryLaterError);
  expect(error).toMatchObject({ retryAfterMs: 90_000 });
});

test('a refused token, an unknown repository and a refused issue are given up with the reason, the token never in it', async () => {
  const refused = await failureOf(client('ghp_wrong').create(issue));
  expect(refused).toBeInstanceOf(PermanentDeliveryError);
  expect((refused as Error).message).toBe('GitHub refused GITHUB_TOKEN while creating an issue (401): Bad credentials');
  const elsewhere = githubIssues({ repository: 'acme/gone', labels: [], token: 'ghp_right', webhookSecret: null, apiUrl: github.url }, () => now);
  expect(await failureOf(elsewhere.create(issue))).toMatchObject({
    name: 'PermanentDeliveryError',
    message: 'GitHub has no repository acme/gone, or GITHUB_TOKEN cannot see it (404): Not Found',
  });
  expect(await failureOf(client().create({ ...issue, title: '' }))).toMatchObject({
    name: 'PermanentDeliveryError',
    message: 'GitHub refused the issue (422): Validation Failed',
  });
});

test('an issue is found again by its marker, pull requests and other issues aside', async () => {
  const created = await client().create(issue);
  await client().create({ title: 'Another', lines: ['Follow-up F11 of INC-2'], followUp: 'F11' });
  expect(await client().find('F1', now)).toEqual(created);
  expect(await client().find('F3', now)).toBeNull();
});

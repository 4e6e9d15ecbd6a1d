import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { jiraIssues } from '../../src/trackers/jira.ts';
import { failureOf } from '../support/failure-of.ts';
import { type FakeJira, startFakeJira } from '../fakes/jira/server.ts';

const now = new Date('2021-09-15T13:50:00Z');
const account = { email: 'crisisroom@example.com', apiToken: 'ATATT-right' };
let jira: FakeJira;
const client = (apiToken = account.apiToken, timeoutMs = 10_000) =>
  jiraIssues({ site: jira.url, project: 'OPS', issueType: 'Task', labels: [], email: account.email, apiToken, webhookSecret: null }, () => now, timeoutMs);
const issue = { title: 'Alert on queue depth', lines: ['Follow-up F1 of INC-1'], followUp: 'F1' };

beforeAll(async () => {
  jira = await startFakeJira({ ...account, project: 'OPS' });
});
afterAll(() => jira.close());
afterEach(() => jira.clearFailures());

test('no answer in time: retried once the search could find an issue the request created after all', async () => {
  jira.failNext({ hang: true });
  expect(await failureOf(client(account.apiToken, 200).create(issue))).toMatchObject({ name: 'RetryLaterError', retryAfterMs: 30_000 });
});

test('refused credentials, an unknown issue type and a rate limit: each as Jira says, the token never in the reason', async () => {
  expect(await failureOf(client('ATATT-wrong').create(issue))).toMatchObject({
    name: 'PermanentDeliveryError',
    message: 'Jira refused JIRA_EMAIL and JIRA_API_TOKEN while creating an issue (401): Client must be authenticated to access this resource.',
  });
  const epic = jiraIssues({ site: jira.url, project: 'OPS', issueType: 'Saga', labels: [], ...account, webhookSecret: null }, () => now);
  expect(await failureOf(epic.create(issue))).toMatchObject({
    name: 'PermanentDeliveryError',
    message: 'Jira refused the issue (400): issuetype: valid issue type is required',
  });
  jira.failNext({ status: 429, headers: { 'retry-after': '20' } });
  expect(await failureOf(client().create(issue))).toMatchObject({ name: 'RetryLaterError', retryAfterMs: 20_000 });
});

test('an issue is found again by its label, F1 apart from F11', async () => {
  await client().create({ ...issue, followUp: 'F11' });
  expect(await client().find('F1', now)).toBeNull();
  const created = await client().create(issue);
  expect(await client().find('F1', now)).toEqual(created);
});

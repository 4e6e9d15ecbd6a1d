import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { PermanentDeliveryError } from '../../src/delivery/target.ts';
import { linearIssues } from '../../src/trackers/linear.ts';
import { failureOf } from '../support/failure-of.ts';
import { type FakeLinear, startFakeLinear } from '../fakes/linear/server.ts';

const now = new Date('2021-09-15T13:50:00Z');
const teamId = '9cfb482a-81e3-4154-b5b9-2c805e70a02d';
let linear: FakeLinear;
const client = (apiKey = 'lin_api_right', timeoutMs = 10_000) =>
  linearIssues({ teamId, apiKey, webhookSecret: null, apiUrl: linear.url }, () => now, timeoutMs);
const issue = { title: 'Alert on queue depth', lines: ['Follow-up F1 of INC-1'], followUp: 'F1' };

beforeAll(async () => {
  linear = await startFakeLinear({ apiKey: 'lin_api_right', teamId, teamKey: 'ENG' });
});
afterAll(() => linear.close());
afterEach(() => linear.clearFailures());

test('no answer in time is a failure to retry, not a refusal', async () => {
  linear.failNext({ hang: true });
  const error = await failureOf(client('lin_api_right', 200).create(issue));
  expect((error as Error).message).toMatch(/^Linear did not answer while creating an issue/);
  expect(error).not.toBeInstanceOf(PermanentDeliveryError);
});

test('a refused key and a refused title are given up with Linear’s reason, the key never in it', async () => {
  expect(await failureOf(client('lin_api_wrong').create(issue))).toMatchObject({
    name: 'PermanentDeliveryError',
    message: 'Linear refused LINEAR_API_KEY while creating an issue: Authentication required, not authenticated',
  });
  expect(await failureOf(client().create({ ...issue, title: 'x'.repeat(256) }))).toMatchObject({
    name: 'PermanentDeliveryError',
    message: 'Linear refused the request while creating an issue (400): Argument Validation Error: input.title',
  });
});

test('an issue is found again by its marker, F1 apart from F11', async () => {
  await client().create({ ...issue, followUp: 'F11' });
  expect(await client().find('F1', now)).toBeNull();
  const created = await client().create(issue);
  expect(await client().find('F1', now)).toEqual(created);
});

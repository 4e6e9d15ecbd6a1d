import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkTracker } from '../../../src/cli/doctor/tracker-check.ts';
import type { AppConfig } from '../../../src/config.ts';
import { systemClock } from '../../../src/time/clock.ts';
import { type FakeGithub, startFakeGithub } from '../../fakes/github/server.ts';
import { type FakeJira, startFakeJira } from '../../fakes/jira/server.ts';
import { type FakeLinear, startFakeLinear } from '../../fakes/linear/server.ts';

const none = { github: null, jira: null, linear: null } satisfies Pick<AppConfig, 'github' | 'jira' | 'linear'>;
const githubToken = 'ghp_doctor0token0never0shown0AB12';
const jiraToken = 'ATATT3xFfGF0doctor0token0never0shown0CD34';
const linearKey = 'lin_api_doctor0key0never0shown0EF56';
const teamId = '9cfb482a-81e3-4154-b5b9-2c805e70a02d';

describe('the tracker check of crisisroom doctor', () => {
  let github: FakeGithub;
  let noIssues: FakeGithub;
  let jira: FakeJira;
  let linear: FakeLinear;
  const gh = (url: string, token = githubToken, webhookSecret: string | null = 'secret') => ({
    ...none,
    github: { repository: 'acme/platform', labels: [], token, webhookSecret, apiUrl: url },
  });

  beforeAll(async () => {
    github = await startFakeGithub({ token: githubToken, repository: 'acme/platform' });
    noIssues = await startFakeGithub({ token: githubToken, repository: 'acme/platform', hasIssues: false });
    jira = await startFakeJira({ email: 'ops@acme.example', apiToken: jiraToken, project: 'OPS' });
    linear = await startFakeLinear({ apiKey: linearKey, teamId, teamKey: 'ENG' });
  });
  afterAll(async () => {
    await Promise.all([github?.close(), noIssues?.close(), jira?.close(), linear?.close()]);
  });

  test('no tracker configured: nothing to say', async () => {
    expect(await checkTracker(none, systemClock)).toEqual([]);
  });

  test('GitHub: a token that reads the repository passes, the token masked; refused or without issues fails with the reason', async () => {
    expect(await checkTracker(gh(github.url), systemClock)).toEqual([
      { level: 'pass', subject: 'tracker', detail: 'GitHub: …AB12 reads repository acme/platform, issues on' },
    ]);
    expect(await checkTracker(gh(github.url, 'ghp_revoked0token0000000000000000'), systemClock)).toEqual([
      { level: 'fail', subject: 'tracker', detail: 'GitHub: GitHub refused GITHUB_TOKEN while reading the repository (401): Bad credentials' },
    ]);
    expect(await checkTracker(gh(noIssues.url), systemClock)).toEqual([
      { level: 'fail', subject: 'tracker', detail: 'GitHub: issues are turned off in acme/platform' },
    ]);
  });

  test('without a webhook secret, a warning that issues closed there stay open here', async () => {
    expect((await checkTracker(gh(github.url, githubToken, null), systemClock)).map((line) => `${line.level} ${line.detail}`)).toEqual([
      'pass GitHub: …AB12 reads repository acme/platform, issues on',
      'warn GitHub: no GITHUB_WEBHOOK_SECRET, so issues closed in GitHub are not marked done here',
    ]);
  });

  test('Jira: the project and its issue type pass; another project or an issue type it lacks fails', async () => {
    const settings = (project: string, issueType = 'Task') => ({
      ...none,
      jira: { site: jira.url, project, issueType, labels: [], email: 'ops@acme.example', apiToken: jiraToken, webhookSecret: 'secret' },
    });
    expect(await checkTracker(settings('OPS'), systemClock)).toEqual([
      { level: 'pass', subject: 'tracker', detail: 'Jira: …CD34 reads project OPS "Operations", issue type Task' },
    ]);
    expect((await checkTracker(settings('NOPE'), systemClock))[0]!.detail).toBe(
      `Jira: ${jira.url} has no project NOPE, or the account cannot see it (404): No project could be found with key 'NOPE'.`,
    );
    expect((await checkTracker(settings('OPS', 'Epic'), systemClock))[0]!.detail).toBe('Jira: project OPS has no issue type "Epic" (it has Task, Bug, Story)');
  });

  test('Linear: the team passes; another team fails with Linear’s reason', async () => {
    const settings = (id: string) => ({ ...none, linear: { teamId: id, apiKey: linearKey, webhookSecret: 'secret', apiUrl: linear.url } });
    expect(await checkTracker(settings(teamId), systemClock)).toEqual([
      { level: 'pass', subject: 'tracker', detail: 'Linear: …EF56 reads team ENG "Engineering"' },
    ]);
    expect((await checkTracker(settings('1f4a2b3c-0000-4000-8000-000000000000'), systemClock))[0]).toEqual({
      level: 'fail',
      subject: 'tracker',
      detail: 'Linear: Linear refused the request while reading the team (400): Entity not found: Team',
    });
  });

  test('no answer in time fails, saying so', async () => {
    github.failNext({ hang: true });
    const [line] = await checkTracker(gh(github.url), systemClock, 200);
    expect(line).toMatchObject({ level: 'fail', subject: 'tracker' });
    expect(line!.detail).toMatch(/^GitHub: GitHub did not answer while reading the repository: /);
  });
});

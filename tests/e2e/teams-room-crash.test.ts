import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FakeConnector } from '../fakes/teams/connector.ts';
import type { FakeGraph } from '../fakes/teams/graph.ts';
import { type Running, eventually, startServer, takeBlipYaml, workspace } from '../support/processes.ts';
import { type Person, type SendOptions, cardWords, people, startTeamsFakes, teamId, teamsActivity } from '../support/teams-app.ts';

const rooms = '19:room';

/**
 * crisisroom is killed while Teams or Graph holds the answer to a call it already acted on (the
 * channel made, the briefing posted, the word on the room's people, the new commander added): the
 * restarted process finds what was done and finishes the room, nothing doubled.
 */
describe("SIGKILL in the middle of a Teams crisis room's work, and a restart", () => {
  const { env } = workspace(`${takeBlipYaml}teams:\n  teamId: ${teamId}\n  responders: [${people.bob.aadObjectId}]\n`);
  let fakes: Awaited<ReturnType<typeof startTeamsFakes>>;
  let connector: FakeConnector;
  let graph: FakeGraph;
  let server: Running | null = null;
  let sequence = 0;
  const serverEnv = () => ({ ...env, ...fakes.env });

  beforeAll(async () => {
    fakes = await startTeamsFakes();
    ({ connector, graph } = fakes);
    server = await startServer(serverEnv());
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await fakes?.close();
  });

  async function send(who: Person, text: string, options: SendOptions = {}) {
    const body = teamsActivity(who, text, `18000000000${++sequence}`, { serviceUrl: connector.serviceUrl, ...options });
    expect((await fakes.post(`${server!.url}/api/messages`, body)).status).toBe(200);
  }

  /** Kills the server once Teams or Graph has acted on the held call (and holds its answer), then starts it again. */
  async function killDuring(hold: () => void, arrived: () => boolean, act: () => Promise<unknown>): Promise<void> {
    hold();
    await act();
    await eventually(async () => expect(arrived()).toBe(true), 10_000);
    const exited = new Promise((resolve) => server!.child.once('exit', resolve));
    server!.child.kill('SIGKILL');
    await exited;
    server = await startServer(serverEnv());
  }

  const channelNamed = (name: string) => graph.channels.filter((c) => c.displayName.startsWith(name));
  const postsIn = (channelId: string) => connector.received.filter((r) => r.method === 'POST' && r.conversationId === channelId);
  const briefingsIn = (channelId: string) => postsIn(channelId).filter((r) => JSON.stringify(r.body.attachments ?? []).includes('"crisisroom-briefing-'));
  const wordsIn = (channelId: string) =>
    postsIn(channelId)
      .filter((r) => typeof r.body.text === 'string')
      .map((r) => String(r.body.text).split('<br>')[0]);
  const peopleWord = `Added to this private channel: <at>${people.alice.name}</at>, <at>${people.bob.name}</at>`;

  test.each([
    ['the channel’s creation', 'inc-1-tickets-stuck', () => graph.holdNextCreation(), () => graph.channels.length === 1],
    [
      'the briefing',
      'inc-2-login-slow',
      () => connector.holdAnswers(rooms, 1),
      () => graph.channels.length === 2 && postsIn(graph.channels[1]!.id).length === 1,
    ],
    [
      'the word on the room’s people',
      'inc-3-exports-late',
      () => connector.holdAnswers(rooms, 1, 1),
      () => graph.channels.length === 3 && postsIn(graph.channels[2]!.id).length === 2,
    ],
  ] as const)(
    'killed while Teams holds the answer to %s of a declare: one room, complete',
    async (_what, name, hold, arrived) => {
      const title = name.replace(/^inc-\d+-/, '').replaceAll('-', ' ');
      await killDuring(hold, arrived, () => send('alice', `declare ${title} --sev 3`));
      await eventually(async () => expect(wordsIn(channelNamed(name)[0]?.id ?? '')).toEqual([peopleWord]), 20_000);
      expect(channelNamed(name)).toHaveLength(1);
      const channel = channelNamed(name)[0]!;
      expect([...channel.members.keys()].toSorted()).toEqual([people.alice.aadObjectId, people.bob.aadObjectId].toSorted());
      expect(briefingsIn(channel.id)).toHaveLength(1);
      expect(cardWords(briefingsIn(channel.id)[0]!.body)).toMatch(/Status\ninvestigating/);
      expect(postsIn(channel.id)).toHaveLength(2);
    },
    60_000,
  );

  test('killed while Graph holds the answer to adding the new commander: the handover completes, told once', async () => {
    const channel = channelNamed('inc-1-tickets-stuck')[0]!;
    const handover = {
      extraEntities: [{ type: 'mention', text: `<at>${people.carol.name}</at>`, mentioned: { id: people.carol.id, name: people.carol.name } }],
    };
    await killDuring(
      () => graph.holdNextCreation(),
      () => channel.members.has(people.carol.aadObjectId),
      () => send('alice', `commander INC-1 <at>${people.carol.name}</at>`, handover),
    );
    const added = `Added <at>${people.carol.name}</at> to this channel as the incident's commander.`;
    await eventually(async () => expect(wordsIn(channel.id)).toEqual([peopleWord, added]), 20_000);
    await eventually(
      async () =>
        expect(cardWords(connector.received.findLast((r) => r.method === 'PUT' && r.conversationId === channel.id)?.body ?? {})).toMatch(
          /Commander\nCarol Souza/,
        ),
      20_000,
    );
  }, 60_000);
});

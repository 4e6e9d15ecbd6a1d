import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually } from '../../support/processes.ts';
import { channels, people, teamId, teamsWorld } from '../../support/teams-app.ts';

type World = Awaited<ReturnType<typeof teamsWorld>>;

/**
 * Teams stores a post and the answer is lost (the connection drops): the delivery cannot know the
 * post was made. Its retry reads the channel through Graph and takes the post it finds there.
 */
describe('Teams customer posts after a lost answer', () => {
  let w: World;
  const approve = async (status: string, body: string) => {
    await w.send('alice', `public INC-1 ${status} ${body}`);
    await w.send('alice', 'approve INC-1');
  };
  const deliveryOf = async (draftNumber: number) => {
    const subscription = await w.app.db.prisma.channelSubscription.findFirstOrThrow({ where: { channelId: channels.customers } });
    return w.app.db.prisma.delivery.findFirstOrThrow({
      where: { target: `channel:${subscription.id}`, publication: { draft: { number: draftNumber } } },
      include: { attemptLog: { orderBy: { id: 'asc' } } },
    });
  };
  const settled = (draftNumber: number) => eventually(async () => expect((await deliveryOf(draftNumber)).state).toBe('delivered'), 15_000);

  beforeAll(async () => {
    w = await teamsWorld({ teams: { teamId, admins: [people.alice.aadObjectId] } });
    await w.send('alice', 'declare Ticket distribution stopped --sev 2 --components CRM');
    await w.send('alice', 'channel subscribe --lang pt-BR --tz America/Sao_Paulo', { channel: channels.customers });
  });
  afterAll(async () => w?.stop());

  test('the first post: the retry finds it among the channel posts and posts nothing more', async () => {
    w.connector.loseAnswers(channels.customers, 1);
    await approve('investigating', 'We are investigating failures in ticket distribution.');
    await settled(1);
    const posts = w.connector.messagesOf(channels.customers);
    expect(posts).toHaveLength(1);
    const delivery = await deliveryOf(1);
    expect(delivery.externalId).toBe(posts[0]!.id);
    expect(delivery.attemptLog.map((a) => a.outcome)).toEqual(['retry', 'already-delivered']);
    expect(await w.app.db.prisma.channelThread.findFirstOrThrow()).toMatchObject({ parentMessageId: posts[0]!.id });
    expect(
      w.graph.requests.filter((r) => r.method === 'GET' && r.path === `/v1.0/teams/${teamId}/channels/${encodeURIComponent(channels.customers)}/messages`),
    ).toEqual([expect.objectContaining({ status: 200 })]);
  });

  test('a reply: the retry finds it in the thread, and the post is still edited to the current status', async () => {
    const [root] = w.connector.messagesOf(channels.customers);
    w.connector.loseAnswers(`${channels.customers};messageid=`, 1);
    await approve('identified', 'A server clock jumped to 2022; it is isolated.');
    await settled(2);
    const replies = w.connector.messagesOf(channels.customers, root!.id);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.html).toContain('A server clock jumped to 2022; it is isolated.');
    const delivery = await deliveryOf(2);
    expect(delivery).toMatchObject({ externalId: replies[0]!.id });
    expect(delivery.attemptLog.map((a) => a.outcome)).toEqual(['retry', 'already-delivered']);
    // The post is brought up to date by a delivery of its own.
    await eventually(async () => expect(w.connector.messagesOf(channels.customers)[0]!.html).toContain('A server clock jumped to 2022'), 10_000);
  });

  test('a call that never answers, then a 500: the update is late, and posted once', async () => {
    const [root] = w.connector.messagesOf(channels.customers);
    w.connector.hangNext(`${channels.customers};messageid=`, 1);
    w.connector.failConversation(`${channels.customers};messageid=`, { status: 500, code: 'ServiceError' }, 1);
    await approve('identified', 'The clock is repaired; distribution resumes.');
    await settled(3);
    expect(w.connector.messagesOf(channels.customers, root!.id).filter((m) => m.html.includes('The clock is repaired'))).toHaveLength(1);
    const delivery = await deliveryOf(3);
    expect(delivery.attemptLog.map((a) => a.outcome)).toEqual(['retry', 'retry', 'delivered']);
    expect(delivery.attemptLog[0]!.error).toMatch(/aborted due to timeout/);
    expect(delivery.attemptLog[1]!.error).toMatch(/500 ServiceError/);
  });

  test('where Graph may not read the channel, the retry posts again, says so in the log, and the update shows twice', async () => {
    const [root] = w.connector.messagesOf(channels.customers);
    w.graph.setMessagesReadable(false);
    w.connector.loseAnswers(`${channels.customers};messageid=`, 1);
    await approve('monitoring', 'The fix is deployed; we are monitoring.');
    await settled(4);
    const monitoring = w.connector.messagesOf(channels.customers, root!.id).filter((m) => m.html.includes('The fix is deployed'));
    expect(monitoring).toHaveLength(2);
    expect(
      w.log.filter((line) => /could not read .* for an earlier attempt's post \(403 Forbidden\); posting again, which may show the update twice/.test(line)),
    ).toHaveLength(1);
    w.graph.setMessagesReadable(true);
  });
});

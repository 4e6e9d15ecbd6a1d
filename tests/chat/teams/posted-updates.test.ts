import { describe, expect, test } from 'vitest';
import type { ChannelMessage, GraphClient } from '../../../src/chat/teams/graph.ts';
import { findPostedUpdate, visibleText } from '../../../src/chat/teams/posted-updates.ts';
import { teamsHtml } from '../../../src/chat/teams/text.ts';

const appId = '00000000-0000-4000-8000-00000000c0de';
const published = new Date('2021-09-21T17:34:00Z');
const sent = `<b>Investigando</b> - ${teamsHtml('Tickets <b>not</b> reaching agents & bots')}<br>Postado 21 set. 2021 - 14:34 GMT-03:00`;

function message(id: string, html: string, at: Date, from = appId, deleted = false): ChannelMessage {
  return {
    id,
    createdDateTime: at.toISOString(),
    deletedDateTime: deleted ? at.toISOString() : null,
    from: { application: { id: from } },
    body: { content: html },
  };
}

/** Graph's answers, a page at a time, as the client would give them; records what it was asked. */
function pagedGraph(pages: ChannelMessage[][]) {
  const asked: { replyTo?: string; pages: number }[] = [];
  const graph = {
    async messages(_team: string, _channel: string, options: { replyTo?: string; more: (page: ChannelMessage[]) => boolean }) {
      const read: ChannelMessage[] = [];
      let count = 0;
      for (const page of pages) {
        read.push(...page);
        count++;
        if (!options.more(page)) break;
      }
      asked.push({ ...(options.replyTo ? { replyTo: options.replyTo } : {}), pages: count });
      return read;
    },
  } as unknown as GraphClient;
  return { graph, asked };
}

const query = { teamId: 'team', channelId: '19:c@thread.tacv2', html: sent, since: published, appId };
const minutes = (n: number) => new Date(published.getTime() + n * 60_000);

describe("finding an earlier attempt's Teams post", () => {
  test("Teams' rewriting of the markup does not hide a post: its text is what counts", () => {
    const stored = sent.replaceAll('<b>', '<strong>').replaceAll('</b>', '</strong>').replaceAll('<br>', '<br/>').replaceAll('&amp;', '&#38;');
    expect(visibleText(stored)).toBe(visibleText(sent));
    expect(visibleText(sent)).toBe('Investigando - Tickets <b>not</b> reaching agents & bots\nPostado 21 set. 2021 - 14:34 GMT-03:00');
    expect(visibleText(sent.replace('14:34', '14:35'))).not.toBe(visibleText(sent));
  });

  test("only the bot's own, undeleted post with the same text, made since the publication, is taken", async () => {
    const { graph } = pagedGraph([
      [
        message('4', sent, minutes(2), 'someone-else'),
        message('3', sent, minutes(1), appId, true),
        message('2', `${sent} and more`, minutes(1)),
        message('1', sent, minutes(0.5)),
      ],
    ]);
    expect(await findPostedUpdate(graph, query)).toBe('1');
    expect(await findPostedUpdate(pagedGraph([[message('9', sent, minutes(-60))]]).graph, query)).toBeUndefined();
  });

  test('a channel is read back only to the publication; a thread is read whole', async () => {
    const older = [message('8', 'older', minutes(-30))];
    const channel = pagedGraph([[message('10', 'newer', minutes(3))], older, [message('7', sent, minutes(-40))]]);
    expect(await findPostedUpdate(channel.graph, query)).toBeUndefined();
    expect(channel.asked).toEqual([{ pages: 2 }]);
    const thread = pagedGraph([[message('11', 'a', minutes(1))], older, [message('12', sent, minutes(2))]]);
    expect(await findPostedUpdate(thread.graph, { ...query, threadId: '10' })).toBe('12');
    expect(thread.asked).toEqual([{ replyTo: '10', pages: 3 }]);
  });
});

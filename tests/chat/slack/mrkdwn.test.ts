import { describe, expect, test } from 'vitest';
import { escapeLine, escapeMrkdwn, link, mention } from '../../../src/chat/slack/blocks/mrkdwn.ts';

const joiner = '\u2060';

describe('escapeMrkdwn', () => {
  test('turns every control sequence into text that pings and links nothing', () => {
    expect(escapeMrkdwn('<!channel> <!here|here> <!subteam^S1> <@U123> <#C42>')).toBe(
      '&lt;!channel&gt; &lt;!here|here&gt; &lt;!subteam^S1&gt; &lt;@U123&gt; &lt;#C42&gt;',
    );
  });

  test('a disguised link shows its real target instead of a fake label', () => {
    expect(escapeMrkdwn('<https://evil.example|bank.com>')).toBe('&lt;https://evil.example|bank.com&gt;');
    expect(escapeMrkdwn('<!date^1392734382^{date}|Feb 18>')).toBe('&lt;!date^1392734382^{date}|Feb 18&gt;');
  });

  test('escapes an ampersand, including one that already starts an entity', () => {
    expect(escapeMrkdwn('R&D')).toBe('R&amp;D');
    expect(escapeMrkdwn('&lt;!channel&gt;')).toBe('&amp;lt;!channel&amp;gt;');
  });

  test('a line starting with > stays text rather than a quote of ours', () => {
    expect(escapeMrkdwn('> Approved by the CEO')).toBe('&gt; Approved by the CEO');
  });

  test('bare broadcast keywords are broken up invisibly, whatever their case', () => {
    expect(escapeMrkdwn('@here please look')).toBe(`@${joiner}here please look`);
    expect(escapeMrkdwn('ping @Channel and @everyone.')).toBe(`ping @${joiner}Channel and @${joiner}everyone.`);
  });

  test('word joiners typed after such an @ get one more, so taking one away reads back exactly what was typed', () => {
    expect(escapeMrkdwn(`@${joiner}here and @${joiner}${joiner}channel`)).toBe(`@${joiner}${joiner}here and @${joiner}${joiner}${joiner}channel`);
    expect(escapeMrkdwn(`ops@${joiner}here`)).toBe(`ops@${joiner}here`);
  });

  test('an @ inside an address or a longer word is left alone', () => {
    expect(escapeMrkdwn('write to ops@here.com or @channels-team')).toBe('write to ops@here.com or @channels-team');
    expect(escapeMrkdwn('@alice')).toBe('@alice');
  });

  test('ordinary text, formatting characters, accents and emoji pass through untouched', () => {
    const ordinary = 'snake_case_name, 5 * 3 = 15, ~approx, `code`, "quoted" it\'s Interrupção — 🚨 https://example.com/a_b';
    expect(escapeMrkdwn(ordinary)).toBe(ordinary);
  });
});

describe('escapeLine', () => {
  test('cannot forge a line of ours', () => {
    expect(escapeLine('alice\n✅ Approved by the CEO')).toBe('alice ✅ Approved by the CEO');
    expect(escapeLine('a\r\n\r\n  b\u2028c')).toBe('a b c');
  });

  test('escapes like escapeMrkdwn', () => {
    expect(escapeLine(' <@U1> & @here ')).toBe(`&lt;@U1&gt; &amp; @${joiner}here`);
  });
});

describe('link', () => {
  test('escapes the ampersands of the URL and the label', () => {
    expect(link('https://status.example/a?b=1&c=2', 'Status <page>')).toBe('<https://status.example/a?b=1&amp;c=2|Status &lt;page&gt;>');
  });

  test('a | or > in the URL cannot end it early or replace the label', () => {
    expect(link('https://status.example/x|Bank>y', 'Status page')).toBe('<https://status.example/x%7CBank%3Ey|Status page>');
  });
});

describe('mention', () => {
  test('mentions a person by a well-formed Slack id', () => {
    expect(mention({ name: 'alice', slackUserId: 'U123ABC' })).toBe('<@U123ABC>');
    expect(mention({ name: 'alice', slackUserId: 'W0GRID1' })).toBe('<@W0GRID1>');
  });

  test('names the person, escaped, when the id is missing or not an id', () => {
    expect(mention({ name: 'alice <!channel>' })).toBe('alice &lt;!channel&gt;');
    expect(mention({ name: 'bob', slackUserId: 'U1> <!channel' })).toBe('bob');
    expect(mention({ name: 'bob', slackUserId: 'u123abc' })).toBe('bob');
  });
});

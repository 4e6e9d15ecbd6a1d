import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { interaction } from '../../fakes/slack/signed-request.ts';
import { secret, slackWorld, submission } from '../../support/slack-app.ts';

type World = Awaited<ReturnType<typeof slackWorld>>;
type Field = { type: string; block_id?: string; label?: { text: string }; element?: { initial_value?: string; max_length?: number }; text?: { text: string } };

describe('the incident report in Slack: drafted by command, edited section by section in a form, approved from its card', () => {
  let w: World;
  let room: { id: string };
  beforeAll(async () => {
    w = await slackWorld();
    // Customers following in Portuguese, and in Spanish, which the report is not written in.
    await w.command('alice', 'C0ACME', 'channel subscribe --lang pt-BR --tz America/Sao_Paulo');
    await w.command('alice', 'C0GLOBEX', 'channel subscribe --lang es --tz Europe/Madrid');
    await w.command('alice', 'C0GENERAL', 'declare Messages are not being delivered --sev 1 --components CRM');
    room = w.fake.channel('inc-1-messages-are-not-being-delivered')!;
    await w.command('alice', room.id, 'public investigating We are investigating failures in message exchange.');
    await w.command('alice', room.id, 'approve');
    await w.command('alice', room.id, 'resolve Message exchange works again.');
    await w.command('alice', room.id, 'approve');
  });
  afterAll(async () => {
    await w?.stop();
  });

  const reportCard = () => w.fake.messages(room.id).findLast((m) => m.text.startsWith('Incident report'))!;

  async function openForm(who: 'alice' | 'bob') {
    const click = await w.click(who, room.id, reportCard().ts, 'draft_edit');
    const opened = w.fake.views.at(-1)!;
    return { click, opened, view: opened.view as { callback_id: string; private_metadata: string; blocks: Field[] } };
  }

  test('/incident report drafts it from the record in both page languages, and its card offers the form', async () => {
    const drafted = await w.command('alice', room.id, 'report');
    expect(drafted.reply).toContain('Drafted incident report D3 for INC-1 from the record, in en and pt-BR.');
    expect(reportCard().text).toMatch(/^Incident report INC-1 D3/);
    const { view } = await openForm('alice');
    expect(view.callback_id).toBe('edit_report');
    const headers = view.blocks.filter((b) => b.type === 'header').map((b) => b.text!.text);
    expect(headers).toEqual(['English · en', 'português (Brasil) · pt-BR']);
    const inputs = view.blocks.filter((b) => b.type === 'input');
    expect(inputs.map((b) => b.block_id)).toEqual(
      ['en', 'pt-BR'].flatMap((lang) => ['opening', 'happened', 'impact', 'actions', 'now', 'prevention', 'closing'].map((s) => `${lang}:${s}`)),
    );
    expect(inputs.every((b) => b.element!.max_length === 3000)).toBe(true);
    const label = (id: string) => inputs.find((b) => b.block_id === id)!.label!.text;
    expect([label('en:happened'), label('pt-BR:happened'), label('pt-BR:opening')]).toEqual(['What happened', 'O que aconteceu', 'Opening']);
    expect(inputs.find((b) => b.block_id === 'en:now')!.element!.initial_value).toBe('Message exchange works again.');
    // Nothing in the record speaks of prevention yet: that field starts blank.
    expect(inputs.find((b) => b.block_id === 'en:prevention')!.element!.initial_value).toBeUndefined();
  });

  test('only someone who may decide the draft may open its form', async () => {
    const { click } = await openForm('bob');
    expect(click.reply).toBe('Only the commander of INC-1 (alice) can edit D3.');
  });

  test('a report far longer than one field is written through the form, a refused text is named beside its field, and approval publishes it whole', async () => {
    const { opened, view } = await openForm('alice');
    const field = (value: string) => ({ value: { type: 'plain_text_input', value } });
    const happened = `A server clock jumped to 2022. ${'Records were written with the wrong year. '.repeat(60)}`.trim();
    const actions = `We corrected the clock and reprocessed every message. ${'Each queue was drained in turn. '.repeat(80)}`.trim();
    const form = (values: Record<string, unknown>) =>
      submission(
        'alice',
        { id: opened.id, callback_id: 'edit_report', private_metadata: view.private_metadata },
        values as Record<string, Record<string, unknown>>,
      );

    const refused = await interaction(w.endpoint, secret, form({ 'en:happened': field('bad \u0000 text'), 'pt-BR:happened': field('Um relógio pulou.') }));
    const answer = JSON.parse(refused.body) as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors)).toEqual(['en:happened']);
    expect(answer.errors['en:happened']).toMatch(/U\+0000 NULL at character 5/);
    expect((await w.command('alice', room.id, 'report preview --lang pt-BR')).reply).not.toContain('Um relógio pulou.');

    const saved = await interaction(
      w.endpoint,
      secret,
      form({ 'en:happened': field(happened), 'en:actions': field(actions), 'en:closing': field(''), 'pt-BR:happened': field('Um relógio pulou para 2022.') }),
    );
    expect(saved.status).toBe(200);
    await w.app.settle();
    const preview = (await w.command('alice', room.id, 'report preview')).reply;
    expect(preview.length).toBeGreaterThan(5000);
    expect(preview).toContain(`What happened\n${happened}\n\nHow this issue impacted you`);
    expect(preview).toContain(`What we did to solve it\n${actions}\n\nWhere we are now`);
    expect(preview).not.toContain('We are sorry for the trouble');
    expect((await w.command('alice', room.id, 'report preview --lang pt-BR')).reply).toContain('O que aconteceu\nUm relógio pulou para 2022.');
    expect((await w.command('alice', room.id, 'timeline')).reply).toContain(
      'Incident report D3 edited by alice: happened (en), actions (en), closing (en), happened (pt-BR)',
    );

    await w.click('alice', room.id, reportCard().ts, 'draft_approve');
    await w.app.settle();
    const page = await (await fetch(`${w.app.url}/incidents/INC-1?lang=en`)).text();
    expect(page).toContain('<h3>What happened</h3>');
    expect(page).toContain(happened.slice(0, 200));
    expect(page).toContain(actions.slice(-100));
    const api = (await (await fetch(`${w.app.url}/api/v2/incidents.json`)).json()) as { incidents: { postmortem_body?: string }[] };
    expect(api.incidents[0]!.postmortem_body).toContain(`What we did to solve it\n${actions}`);

    // Each customer channel is told in a short reply in the incident's thread: what happened, in its language where the report has it, and the link.
    const replyIn = (channel: string) => {
      const parent = w.fake.messages(channel).find((m) => !m.thread_ts);
      return w.fake.replies(channel, parent!.ts).at(-1)!;
    };
    const acme = JSON.stringify(replyIn('C0ACME').blocks);
    expect(acme).toContain('*Relatório do incidente* - Um relógio pulou para 2022.');
    expect(acme).toContain('/incidents/INC-1?lang=pt-BR#report|Leia o relatório completo>');
    const globex = JSON.stringify(replyIn('C0GLOBEX').blocks);
    expect(globex).toContain('*Informe del incidente* - A server clock jumped to 2022.');
    expect(globex).toContain('/incidents/INC-1?lang=en#report|Lea el informe completo>');
    // Neither channel's post of the incident moved: it shows the updates.
    const posts = w.fake.messages('C0ACME').filter((m) => !m.thread_ts);
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]!.blocks)).not.toContain('Relatório');
    expect(await w.app.db.prisma.delivery.count({ where: { target: { startsWith: 'parent:' }, publication: { kind: 'report' } } })).toBe(0);
  });
});

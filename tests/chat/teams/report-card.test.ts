import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually } from '../../support/processes.ts';
import { channels, people, teamId, teamsWorld } from '../../support/teams-app.ts';
import { execute } from '../../support/teams-invoke.ts';

type Input = { type: string; id?: string; label?: string; value?: string; maxLength?: number; text?: string };

describe('the incident report in Teams: its card form edits each section in each language', () => {
  let world: Awaited<ReturnType<typeof teamsWorld>>;
  const ref = { incident: 1, draft: 3 };
  beforeAll(async () => {
    world = await teamsWorld({ teams: { teamId, admins: [people.alice.aadObjectId] } });
    await world.send('alice', 'channel subscribe --lang pt-BR', { channel: channels.customers });
    await world.send('alice', 'declare Messages are not being delivered --sev 1 --components CRM');
    await world.send('alice', 'public INC-1 investigating We are investigating failures in message exchange.');
    await world.send('alice', 'approve INC-1');
    await world.send('alice', 'resolve INC-1 Message exchange works again.');
    await world.send('alice', 'approve INC-1');
    await world.send('alice', 'report INC-1');
  });
  afterAll(async () => {
    await world?.stop();
  });

  /** A reply as read: Teams shows each line break of a text reply as <br>. */
  const said = async (line: string) => (await world.send('alice', line)).reply.replaceAll('<br>', '\n');
  const inputsOf = (card: { body: Input[] }) => card.body.filter((element) => element.type === 'Input.Text');

  test('Edit on the report answers its form: an input per section and language, titled in that language, no longer than 3,000 characters', async () => {
    const refused = await execute(world, 'bob', 'draft.edit', ref);
    expect(refused.answer!.value).toMatch(/Only the commander/);
    const opened = await execute(world, 'alice', 'draft.edit', ref);
    const inputs = inputsOf(opened.answer!.value);
    expect(inputs.map((i) => i.id)).toEqual(
      ['en', 'pt-BR'].flatMap((lang) => ['opening', 'happened', 'impact', 'actions', 'now', 'prevention', 'closing'].map((s) => `${lang}:${s}`)),
    );
    expect(inputs.every((i) => i.maxLength === 3000)).toBe(true);
    expect(inputs.find((i) => i.id === 'pt-BR:now')).toMatchObject({ label: 'Onde estamos agora', value: 'Message exchange works again.' });
    expect(opened.answer!.value.actions.map((a: { verb: string }) => a.verb)).toEqual(['draft.saveReport', 'draft.refresh']);
  });

  test('a refused field is named on the form with what was typed; a saved form rewrites the report, longer than any one field', async () => {
    const refused = await execute(world, 'alice', 'draft.saveReport', { ...ref, 'en:happened': 'bad \u202e text', 'pt-BR:happened': 'Um relógio pulou.' });
    const form = refused.answer!.value as { body: Input[] };
    expect(JSON.stringify(form.body)).toContain('en:happened: The report section has U+202E');
    expect(inputsOf(form).find((i) => i.id === 'pt-BR:happened')!.value).toBe('Um relógio pulou.');
    expect(await said('report INC-1 preview --lang pt-BR')).not.toContain('Um relógio pulou.');

    const happened = `A server clock jumped to 2022. ${'Records were written with the wrong year. '.repeat(60)}`.trim();
    const prevention = `We now compare every clock with several time sources. ${'Each server is checked every minute. '.repeat(70)}`.trim();
    const saved = await execute(world, 'alice', 'draft.saveReport', {
      ...ref,
      'en:happened': happened,
      'en:prevention': prevention,
      'pt-BR:happened': 'Um relógio pulou para 2022.',
      'pt-BR:closing': '',
    });
    expect(saved.answer!.value.actions.map((a: { title: string }) => a.title)).toEqual(['Approve', 'Edit', 'Reject']);
    const preview = await said('report INC-1 preview');
    expect(preview.length).toBeGreaterThan(5000);
    expect(preview).toContain(`What happened\n${happened}`);
    expect(preview).toContain(`What we will do so that it does not happen again\n${prevention}`);
    const pt = await said('report INC-1 preview --lang pt-BR');
    expect(pt).toContain('O que aconteceu\nUm relógio pulou para 2022.');
    expect(pt).not.toContain('Pedimos desculpas');

    await execute(world, 'alice', 'draft.approve', ref);
    await world.app.settle();
    const page = await (await fetch(`${world.app.url}/incidents/INC-1?lang=pt-BR`)).text();
    expect(page).toContain('<h3>O que aconteceu</h3>');
    expect(page).toContain('Um relógio pulou para 2022.');
    const en = await (await fetch(`${world.app.url}/incidents/INC-1?lang=en`)).text();
    expect(en).toContain(prevention.slice(-120));

    // The customer channel is told in a short reply in the incident's thread, in its language, with the link.
    const toCustomers = () => world.connector.received.filter((r) => r.conversationId.startsWith(`${channels.customers};messageid=`));
    await eventually(async () => expect(toCustomers().some((r) => String(r.body.text).includes('Relatório do incidente'))).toBe(true), 10_000);
    const told = String(toCustomers().find((r) => String(r.body.text).includes('Relatório do incidente'))!.body.text);
    expect(told).toContain('<b>Relatório do incidente</b> - Um relógio pulou para 2022.');
    expect(told).toContain('/incidents/INC-1?lang=pt-BR#report">Leia o relatório completo</a>');
  });
});

import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { handleCommand } from '../../src/chat/handle-command.ts';
import { CrisisError } from '../../src/domain/errors.ts';
import type { Ctx } from '../../src/services/context.ts';
import { addNote } from '../../src/services/incident/add-note.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { setReportSection } from '../../src/services/report/report-drafts.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { editDraft } from '../../src/services/draft/edit-draft.ts';
import { rejectDraft } from '../../src/services/draft/reject-draft.ts';
import { resolveIncident } from '../../src/services/incident/resolve-incident.ts';
import { scheduleMaintenance } from '../../src/services/maintenance/schedule-maintenance.ts';
import { addFollowUp } from '../../src/services/followup/follow-ups.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, dumpAll, harness } from '../support/services.ts';
import { type Shape, firstRefused, keptText, refusedCharacter } from '../support/typed-text.ts';

const control = 'a control character that the status page, feeds and chat cannot show as typed; remove it.';
const override = 'it makes text display in another order than it is stored; use U+200F RIGHT-TO-LEFT MARK or U+200E LEFT-TO-RIGHT MARK instead.';

describe.each(databaseKinds)('text the rule refuses, on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  let open: number;
  let resolved: number;

  beforeAll(async () => {
    h = await harness(database.db);
    open = (await declareIncident(h.as('alice'), { title: 'Checkout is slow' })).id;
    await draftPublicUpdate(h.as('alice'), { incident: open, status: 'investigating', text: 'We are looking into it.' });
    resolved = (await declareIncident(h.as('alice'), { title: 'Login failed' })).id;
    await resolveIncident(h.as('alice'), { incident: resolved });
  });

  /** Every service that takes free text, with the field its message names. */
  const fields: { field: string; shape: Shape; run: (ctx: Ctx, text: string) => Promise<unknown> }[] = [
    { field: 'title', shape: 'line', run: (ctx, title) => declareIncident(ctx, { title }) },
    { field: 'note', shape: 'prose', run: (ctx, text) => addNote(ctx, { incident: open, text }) },
    { field: 'public update', shape: 'prose', run: (ctx, text) => draftPublicUpdate(ctx, { incident: open, status: 'identified', text }) },
    { field: 'public update', shape: 'prose', run: (ctx, text) => resolveIncident(ctx, { incident: open, text }) },
    { field: 'draft', shape: 'prose', run: (ctx, text) => editDraft(ctx, { incident: open, draft: 1, status: 'identified', text }) },
    { field: 'report section', shape: 'prose', run: (ctx, text) => setReportSection(ctx, { incident: resolved, section: 'happened', text }) },
    { field: 'reason', shape: 'line', run: (ctx, reason) => rejectDraft(ctx, { incident: open, draft: 1, reason }) },
    { field: 'maintenance title', shape: 'line', run: (ctx, title) => scheduleMaintenance(ctx, { window: '2021-09-16 02:00 - 04:00', title }) },
    { field: 'follow-up', shape: 'line', run: (ctx, text) => addFollowUp(ctx, { incident: open, text }) },
  ];

  test('a refused character anywhere in any field is named, with its position, and nothing is stored', async () => {
    // Short enough for every field (a title holds 200 characters), so the character is all that is wrong.
    const part = (shape: Shape) => keptText(shape, 4, 90);
    const cases = fc
      .constantFrom(...fields)
      .chain((field) => fc.record({ field: fc.constant(field), before: part(field.shape), bad: refusedCharacter(field.shape), rest: part(field.shape) }));
    await fc.assert(
      fc.asyncProperty(cases, async ({ field, before, bad, rest }) => {
        const text = `${before}${bad}${rest}`;
        const fault = firstRefused(text.trim(), field.shape);
        fc.pre(fault !== undefined);
        const stored = await dumpAll(database.db);
        const error: unknown = await field.run(h.as('alice'), text).then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(error).toBeInstanceOf(CrisisError);
        const hex = fault!.codePoint.toString(16).toUpperCase().padStart(4, '0');
        expect((error as Error).message).toMatch(new RegExp(`^The ${field.field} has U\\+${hex} .* at character ${fault!.position}: `));
        expect(await dumpAll(database.db)).toBe(stored);
      }),
      { numRuns: 60 },
    );
  });

  describe('typed as commands, as the console sends them', () => {
    const say = (line: string) => handleCommand({ ctx: h.as('alice'), resolveUser: async (token) => ({ id: token, name: token }), log: () => {} }, line);
    const examples: [string, string][] = [
      ['declare Payments\u0000 down', `The title has U+0000 NULL at character 9: ${control}`],
      ['declare Payments\u0085 down', `The title has U+0085 NEXT LINE at character 9: ${control}`],
      ['declare Payments \u202Enwod', `The title has U+202E RIGHT-TO-LEFT OVERRIDE at character 10: ${override}`],
      ['note INC-1 cache\u0000 flushed', `The note has U+0000 NULL at character 6: ${control}`],
      ['note INC-1 cache\u0085flushed', `The note has U+0085 NEXT LINE at character 6: ${control}`],
      ['note INC-1 \u202Edehsulf', `The note has U+202E RIGHT-TO-LEFT OVERRIDE at character 1: ${override}`],
      ['public INC-1 investigating We are\u0000 on it', `The public update has U+0000 NULL at character 7: ${control}`],
      ['public INC-1 investigating We are\u0085on it', `The public update has U+0085 NEXT LINE at character 7: ${control}`],
      ['public INC-1 investigating We are \u202Eti no', `The public update has U+202E RIGHT-TO-LEFT OVERRIDE at character 8: ${override}`],
    ];

    test.each(examples)('%j is refused, saying which character and where, and changes nothing', async (line, message) => {
      const stored = await dumpAll(database.db);
      expect(await say(line)).toBe(message);
      expect(await dumpAll(database.db)).toBe(stored);
    });

    test('a lone surrogate, as a JSON payload can carry it, is refused too', async () => {
      expect(await say('note INC-1 half \uD83D of an emoji')).toBe(
        'The note has U+D83D (a lone surrogate) at character 6: half of a character, which cannot be stored; the text was damaged on its way here, so type or paste it again.',
      );
    });

    test('what the rule keeps is kept, right-to-left marks and all', async () => {
      expect(await say('note INC-1 \u200Fשלום\u200F (v2) & <b>ok</b> 🚨')).toMatch(/^Noted on INC-1 /);
      const notes = await database.db.prisma.timelineEntry.findMany({ where: { incidentId: open, kind: 'note' } });
      expect(notes.at(-1)!.text).toBe('\u200Fשלום\u200F (v2) & <b>ok</b> 🚨');
    });
  });
});

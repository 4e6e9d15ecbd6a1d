import { describe, expect, test } from 'vitest';
import { commandOf, errorOf } from './parsed.ts';

const relateUsage = 'Usage: /incident relate [INC-n] INC-m [recurrence|duplicate|caused-by|related]';
const unrelateUsage = 'Usage: /incident unrelate [INC-n] INC-m';

describe('relate', () => {
  test('one id is the other incident: the one acted on is left to the room, as with every verb', () => {
    expect(commandOf('/incident relate INC-3 recurrence')).toEqual({ verb: 'relate', related: 3, kind: 'recurrence' });
  });

  test('with two ids the first is acted on, as every verb takes its id right after it', () => {
    expect(commandOf('relate INC-9 #inc-3 caused-by')).toEqual({ verb: 'relate', incident: 9, related: 3, kind: 'caused-by' });
  });

  test('the kind is optional (the service makes it related) and read without regard to case', () => {
    expect(commandOf('relate INC-3')).toEqual({ verb: 'relate', related: 3 });
    expect(commandOf('RELATE inc-9 INC-3 Duplicate')).toEqual({ verb: 'relate', incident: 9, related: 3, kind: 'duplicate' });
  });

  test('an unknown kind is named, with the kinds there are', () => {
    expect(errorOf('relate INC-3 sometimes')).toEqual({
      error: 'Unknown kind "sometimes": use recurrence, duplicate, caused-by or related.',
      usage: relateUsage,
    });
  });

  test('no other incident, or a word where it should be, is refused with what to type', () => {
    expect(errorOf('relate')).toEqual({ error: 'Say which incident, like: relate INC-3.', usage: relateUsage });
    expect(errorOf('relate recurrence INC-3')).toEqual({ error: 'Incident ids look like INC-7 (got "recurrence").', usage: relateUsage });
    expect(errorOf('relate INC-0')).toEqual({ error: 'Incident ids look like INC-7 (got "INC-0").', usage: relateUsage });
  });

  test('words after the kind, or flags, are refused rather than dropped', () => {
    expect(errorOf('relate INC-3 recurrence of the broker')).toEqual({
      error: 'relate takes one or two incident ids and a kind (got "of the broker" after "recurrence").',
      usage: relateUsage,
    });
    expect(errorOf('relate INC-3 --kind duplicate').error).toBe('relate takes no flags (got --kind).');
  });
});

describe('unrelate', () => {
  test('one or two ids, read as relate reads them', () => {
    expect(commandOf('unrelate INC-3')).toEqual({ verb: 'unrelate', related: 3 });
    expect(commandOf('unrelate INC-9 INC-3')).toEqual({ verb: 'unrelate', incident: 9, related: 3 });
  });

  test('a kind or anything else after the ids is refused', () => {
    expect(errorOf('unrelate INC-3 recurrence')).toEqual({
      error: 'unrelate takes one or two incident ids, like INC-3 (got "recurrence").',
      usage: unrelateUsage,
    });
    expect(errorOf('unrelate')).toEqual({ error: 'Say which incident, like: unrelate INC-3.', usage: unrelateUsage });
  });
});

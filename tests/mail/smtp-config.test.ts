import { expect, test } from 'vitest';
import { ConfigError, loadConfig, maskedSmtpUrl } from '../../src/config.ts';

const load = (env: Record<string, string>) => {
  try {
    return loadConfig({ CRISISROOM_DATA_DIR: '/tmp/crisisroom-smtp-config', ...env });
  } catch (error) {
    return error instanceof ConfigError ? error.message : error;
  }
};

test('SMTP_URL and SMTP_FROM together enable e-mail updates; neither leaves them off', () => {
  expect(load({})).toMatchObject({ smtp: null });
  expect(load({ SMTP_URL: 'smtps://mailer:p%40ss@smtp.example.com:465', SMTP_FROM: 'Example Status <status@example.com>' })).toMatchObject({
    smtp: { url: 'smtps://mailer:p%40ss@smtp.example.com:465', from: 'Example Status <status@example.com>', fromAddress: 'status@example.com' },
  });
  expect(load({ SMTP_URL: 'smtp://smtp.example.com:587', SMTP_FROM: 'status@example.com' })).toMatchObject({ smtp: { fromAddress: 'status@example.com' } });
});

test('a wrong setting is named, and the password never appears in the message', () => {
  expect(load({ SMTP_URL: 'smtp://mailer:hunter2@smtp.example.com:587' })).toBe(
    'environment: SMTP_FROM is required with SMTP_URL (the sender of e-mail updates, e.g. status@example.com)',
  );
  const wrongScheme = load({ SMTP_URL: 'https://mailer:hunter2@smtp.example.com', SMTP_FROM: 'status@example.com' });
  expect(wrongScheme).toBe('environment: SMTP_URL: must be smtp://user:password@host:587 or smtps://user:password@host:465');
  expect(load({ SMTP_URL: 'smtp://smtp.example.com', SMTP_FROM: 'Example Status' })).toBe(
    'environment: SMTP_FROM: must be an address, e.g. status@example.com or "Example Status <status@example.com>"',
  );
});

test('the URL is shown with its password masked', () => {
  expect(maskedSmtpUrl('smtp://mailer:hunter2@smtp.example.com:587')).toBe('smtp://mailer:***@smtp.example.com:587');
  expect(maskedSmtpUrl('smtp://smtp.example.com:25')).toBe('smtp://smtp.example.com:25');
});

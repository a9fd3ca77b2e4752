import { describe, expect, it } from '@jest/globals';
import { MAIL_LOCALES } from '@plenary/mail';
import { maskEmail } from './account-security-notices.js';
import {
  emailChangedMail,
  emailChangeRequestedMail,
  emailChangeVerifyMail,
  emailInUseMail,
  passwordChangedMail,
  passwordResetMail,
  ssoLinkedMail,
  verifyEmailMail,
} from './account.mails.js';

const data = {
  displayName: 'Amina Diallo',
  url: 'https://plenary.example.org/verify-email?token=T',
  forgotUrl: 'https://plenary.example.org/forgot-password',
  email: 'new@example.org',
  maskedEmail: 'n***@example.org',
  hours: 48,
  minutes: 60,
  provider: 'Example ID',
};

const templates = [
  verifyEmailMail,
  emailChangeVerifyMail,
  emailChangeRequestedMail,
  emailChangedMail,
  emailInUseMail,
  passwordResetMail,
  passwordChangedMail,
  ssoLinkedMail,
];

describe('account mails', () => {
  it.each(templates.map((template) => [template.name, template] as const))(
    '%s is transactional, greets the member by name and reads differently in each language',
    (_name, template) => {
      expect(template.transactional).toBe(true);
      const subjects = MAIL_LOCALES.map((locale) => {
        const content = (template.render[locale] as (input: typeof data) => ReturnType<typeof template.render.en>)(
          data,
        );
        expect(content.greeting).toContain(data.displayName);
        expect(content.paragraphs.length).toBeGreaterThan(0);
        return content.subject;
      });
      expect(new Set(subjects).size).toBe(MAIL_LOCALES.length);
    },
  );

  it('masks an address down to its first letter and its domain', () => {
    expect(maskEmail('nadia.benali@example.org')).toBe('n***@example.org');
    expect(maskEmail('x@example.org')).toBe('x***@example.org');
  });
});

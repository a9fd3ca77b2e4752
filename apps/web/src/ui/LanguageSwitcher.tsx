import { useTranslation } from 'react-i18next';
import { api } from '../api/http';
import { useMember } from '../api/session';
import { LANGUAGE_NAMES, LANGUAGES, currentLanguage } from '../i18n';

/** The interface language; the choice is remembered in this browser, and by the account (its mails follow it). */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const member = useMember();
  const choose = (language: string) => {
    void i18n.changeLanguage(language);
    if (member) void api('/me', { method: 'PATCH', body: { locale: language } }).catch(() => undefined);
  };
  return (
    <label className="language-switcher">
      <span className="visually-hidden">{t('language')}</span>
      <select value={currentLanguage()} onChange={(event) => choose(event.target.value)}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </label>
  );
}

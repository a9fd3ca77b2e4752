import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { TextField } from '../ui/Field';
import { usePageTitle } from '../ui/usePageTitle';

export function Home() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  usePageTitle(undefined);
  const join = (event: FormEvent) => {
    event.preventDefault();
    const cleaned = code.trim().toUpperCase();
    if (cleaned) navigate(`/j/${encodeURIComponent(cleaned)}`);
  };
  return (
    <section className="page home">
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.lead')}</p>
      <form className="card join-form" onSubmit={join}>
        <h2>{t('home.join')}</h2>
        <TextField
          label={t('home.codeLabel')}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoCapitalize="characters"
          autoComplete="off"
          maxLength={6}
          required
        />
        <button type="submit">{t('home.go')}</button>
      </form>
      <ul className="home__links">
        <li>
          <Link to="/sessions">{t('home.sessions')}</Link>
        </li>
        <li>
          <Link to="/forum">{t('home.forum')}</Link>
        </li>
      </ul>
    </section>
  );
}

import { useTranslation } from 'react-i18next';

/** Dates, times and numbers in the interface language's conventions. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  return {
    date: (value: string | Date) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(value)),
    dateTime: (value: string | Date, timeZone?: string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(value)),
    time: (value: string | Date, timeZone?: string) =>
      new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(new Date(value)),
    number: (value: number) => new Intl.NumberFormat(locale).format(value),
    relative: (value: string | Date) => {
      const seconds = Math.round((new Date(value).getTime() - Date.now()) / 1000);
      const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
      const abs = Math.abs(seconds);
      if (abs < 60) return format.format(seconds, 'second');
      if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
      if (abs < 86400) return format.format(Math.round(seconds / 3600), 'hour');
      return format.format(Math.round(seconds / 86400), 'day');
    },
  };
}

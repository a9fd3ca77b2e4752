import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { negotiateLanguage } from './language.js';
import { UI_LANGUAGES, type UiLanguage } from './reference-data.js';

interface LanguageRequest {
  query: { lang?: unknown };
  headers: { 'accept-language'?: string };
}

interface HeaderSink {
  setHeader(name: string, value: string): void;
  vary(field: string): unknown;
}

/**
 * The language to answer in (?lang=, else Accept-Language, else English), also stated in the
 * Content-Language header. Vary gets Accept-Language added (not replacing the Origin that CORS put
 * there), for shared caches. The route's query DTO validates `lang` itself and refuses bad values.
 */
export const ResponseLanguage = createParamDecorator((_data: unknown, context: ExecutionContext): UiLanguage => {
  const http = context.switchToHttp();
  const request = http.getRequest<LanguageRequest>();
  // Read as the query DTO reads it (trimmed, lower case), which has refused anything else.
  const asked = typeof request.query.lang === 'string' ? request.query.lang.trim().toLowerCase() : undefined;
  const requested = (UI_LANGUAGES as readonly string[]).includes(asked ?? '') ? (asked as UiLanguage) : undefined;
  const language = negotiateLanguage(requested, request.headers['accept-language']);
  const response = http.getResponse<HeaderSink>();
  response.setHeader('Content-Language', language);
  response.vary('Accept-Language');
  return language;
});

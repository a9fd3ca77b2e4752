import { createHmac, randomBytes } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import {
  GATEWAY_METADATA,
  GATEWAY_OPTIONS,
  MESSAGE_MAPPING_METADATA,
  MESSAGE_METADATA,
  PARAM_ARGS_METADATA,
} from '@nestjs/websockets/constants.js';
import { WsParamtype } from '@nestjs/websockets/enums/ws-paramtype.enum.js';
import fc from 'fast-check';

/* ---------- the one error shape ---------- */

const ERROR_KEYS = ['code', 'details', 'error', 'message', 'statusCode'];

/**
 * What is wrong with an error body (empty when nothing): exactly
 * `{ statusCode, code, error, message, details: [{ field, problem }] }`, `code` a non-empty string.
 */
export function errorShapeProblems(body: unknown, statusCode: number): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['is not a JSON object'];
  const error = body as Record<string, unknown>;
  const problems: string[] = [];
  const unexpected = Object.keys(error).filter((key) => !ERROR_KEYS.includes(key));
  if (unexpected.length > 0) problems.push(`has unexpected keys ${unexpected.join(', ')}`);
  if (error.statusCode !== statusCode) problems.push(`statusCode ${String(error.statusCode)} is not ${statusCode}`);
  if (typeof error.code !== 'string' || error.code === '') problems.push('code is not a non-empty string');
  if (typeof error.error !== 'string' || error.error === '') problems.push('error is not a non-empty string');
  if (typeof error.message !== 'string') problems.push('message is not a string');
  const details = error.details;
  if (
    !Array.isArray(details) ||
    !details.every(
      (detail: unknown) =>
        typeof detail === 'object' &&
        detail !== null &&
        Object.keys(detail).sort().join() === 'field,problem' &&
        typeof (detail as { field: unknown }).field === 'string' &&
        typeof (detail as { problem: unknown }).problem === 'string',
    )
  ) {
    problems.push('details is not a list of {field, problem} strings');
  }
  return problems;
}

/* ---------- the OpenAPI document ---------- */

export interface Schema {
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  example?: unknown;
  default?: unknown;
  $ref?: string;
  allOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: unknown[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation | Parameter[] | undefined>>;
  components?: { schemas?: Record<string, Schema> };
  security?: unknown[];
}

export interface Route {
  /** "METHOD /path", as the document names it */
  key: string;
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
  secured: boolean;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

function resolve(schema: Schema | undefined, components: Record<string, Schema>, depth = 0): Schema | undefined {
  if (!schema || depth > 8) return schema;
  if (schema.$ref) return resolve(components[schema.$ref.split('/').pop() ?? ''], components, depth + 1);
  if (schema.allOf?.length === 1) {
    return resolve({ ...schema.allOf[0], ...schema, allOf: undefined }, components, depth);
  }
  const properties = schema.properties
    ? Object.fromEntries(
        Object.entries(schema.properties).map(([name, property]) => [
          name,
          resolve(property, components, depth + 1) ?? {},
        ]),
      )
    : undefined;
  return { ...schema, properties, items: resolve(schema.items, components, depth + 1) };
}

/** Every operation of the document, with its parameters and JSON body schema resolved. */
export function routesOf(document: OpenApiDocument): Route[] {
  const components = document.components?.schemas ?? {};
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method): Route => {
      const operation = item[method] as Operation;
      const shared = (item.parameters as Parameter[] | undefined) ?? [];
      const parameters = [...shared, ...(operation.parameters ?? [])].map((parameter) => ({
        ...parameter,
        schema: resolve(parameter.schema, components),
      }));
      return {
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters,
        body: resolve(operation.requestBody?.content?.['application/json']?.schema, components),
        secured: (operation.security ?? document.security ?? []).length > 0,
      };
    }),
  );
}

/** Reads first, then other writes, then deletions; deletions of the caller's own things last. */
export function inFuzzingOrder(routes: Route[]): Route[] {
  const rank = (route: Route) =>
    route.method === 'GET' ? 0 : route.method !== 'DELETE' ? 1 : route.path.includes('{') ? 2 : 3;
  return [...routes].sort((a, b) => rank(a) - rank(b));
}

function typeOf(schema: Schema): string | undefined {
  // Nullable string fields come out of @nestjs/swagger as `type: object` with string limits.
  if (schema.type === 'object' && !schema.properties && (schema.maxLength ?? schema.minLength) !== undefined) {
    return 'string';
  }
  if (schema.type === 'integer') return 'number';
  if (!schema.type && schema.enum?.length) return typeof schema.enum[0];
  return schema.type;
}

/* ---------- mutations: one bad thing per request ---------- */

export type BodySpec = { json: unknown } | { raw: string; contentType: string };

export type AuthSpec =
  | { header: string }
  | { forge: 'refresh token' | 'tampered' | 'other secret' | 'alg none' | 'expired' }
  | { forge: 'subject'; sub: unknown };

export type Mutation = { target: string; kind: string; shown: unknown } & (
  | { on: 'path'; name: string; encoded: string }
  | { on: 'query'; encoded: string }
  | { on: 'field'; name: string; value: unknown }
  | { on: 'missing'; name: string }
  | { on: 'extra'; fields: Record<string, unknown> }
  | { on: 'body'; body: BodySpec }
  | { on: 'args'; args: unknown[] }
  | { on: 'auth'; auth: AuthSpec }
);

export type Who = 'admin' | 'member' | 'guest';

export interface FuzzCase {
  who: Who;
  /** which fixture id a path parameter or id field gets, when there are several */
  pick: number;
  mutation: Mutation;
}

interface Bad {
  kind: string;
  value: unknown;
}

const bad = (kind: string, arbitrary: fc.Arbitrary<unknown>) => arbitrary.map((value): Bad => ({ kind, value }));

const DEPTH = 3_000;
const HUGE = 100_000;
/** Node refuses request lines over 16 KB before the app sees them; URLs stay below that. */
const HUGE_IN_URL = 8_000;

function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'x';
  for (let level = 0; level < depth; level += 1) value = asArray ? [value] : { a: value };
  return value;
}

const OPERATORS = fc.constantFrom<Record<string, unknown>>(
  { $gt: '' },
  { $ne: null },
  { $regex: '.*' },
  { $where: 'sleep(100) || true' },
  { $exists: true },
  { $in: [] },
  { $expr: { $eq: [1, 1] } },
);
const deep = fc.boolean().map((asArray) => nested(DEPTH, asArray));
const hex24 = fc.stringMatching(/^[0-9a-f]{24}$/);

const CONTROL_CHARS = fc.oneof(
  { weight: 2, arbitrary: fc.constant('\u0000') },
  fc.constantFrom('\u0001', '\u0008', '\u000b', '\u001b', '\u007f', '\u0085', '\u200b', '\u202e', '\u2028', '\ufeff'),
);
const LONE_SURROGATES = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff');
const around = (chars: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.string({ unit: 'grapheme', maxLength: 10 }), chars, fc.string({ maxLength: 10 }))
    .map(([before, char, after]) => before + char + after);
const CONTROL = 'text with NUL/control/invisible chars';
const controlText = around(CONTROL_CHARS);
const SURROGATE = 'text with a lone surrogate';
const surrogateText = around(LONE_SURROGATES);
/** In a URL a lone surrogate can only be sent as its (invalid UTF-8) bytes. */
const URL_TEXT = 'text with NUL/control/invisible chars or lone-surrogate bytes';
const urlText = fc.oneof(controlText, surrogateText);

const huge = (length: number) =>
  fc.constantFrom('x', 'ab ', '0').map((unit) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

const ANY: Record<string, fc.Arbitrary<unknown>> = {
  string: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('', '0', 'true', 'null')),
  number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 1e300)),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.oneof(fc.constant([]), fc.array(fc.jsonValue({ maxDepth: 1 }), { minLength: 1, maxLength: 3 })),
  object: fc.oneof(
    fc.constant({}),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { minKeys: 1, maxKeys: 3 }),
    OPERATORS,
  ),
};

/** JSON values of every type but the schema's (null too, unless nullable). */
function wrongType(schema: Schema): fc.Arbitrary<unknown> {
  const type = typeOf(schema);
  return fc.oneof(
    ...Object.entries(ANY)
      .filter(([other]) => other !== type && !(other === 'null' && schema.nullable))
      .map(([, arbitrary]) => arbitrary),
  );
}

function validValue(schema: Schema): unknown {
  if (schema.enum?.length) return schema.enum[0];
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  switch (typeOf(schema)) {
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return 'x'.repeat(Math.min(Math.max(schema.minLength ?? 0, 8), schema.maxLength ?? 8));
  }
}

function notInEnum(values: unknown[]): fc.Arbitrary<unknown> {
  const outside = (value: unknown) => !values.includes(value);
  if (typeof values[0] === 'number') {
    return fc.oneof(
      fc.integer().filter(outside),
      fc.constantFrom(...(values as number[])).map((value) => value + 0.5),
    );
  }
  const texts = values.map(String);
  return fc
    .oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(...texts).map((value) => value.toUpperCase()),
      fc.constantFrom(...texts).map((value) => ` ${value}`),
      fc.constantFrom(...texts).map((value) => `${value}\u0000`),
    )
    .filter(outside);
}

/** Just past the schema's limits, when it has any. */
function outOfBounds(schema: Schema): fc.Arbitrary<unknown> | undefined {
  const values: unknown[] = [];
  if (schema.maxLength !== undefined) values.push('x'.repeat(schema.maxLength + 1), 'é'.repeat(schema.maxLength + 1));
  if (schema.minLength) values.push('x'.repeat(schema.minLength - 1), ' '.repeat(schema.minLength));
  if (schema.minimum !== undefined) values.push(schema.minimum - 1, schema.minimum - 0.5);
  if (schema.maximum !== undefined) values.push(schema.maximum + 1, schema.maximum + 0.5);
  return values.length ? fc.constantFrom(...values) : undefined;
}

/** Bad JSON values for a field of this schema, each labelled with its kind. */
function badValues(schema: Schema): fc.Arbitrary<Bad> {
  const type = typeOf(schema);
  const options: fc.WeightedArbitrary<Bad>[] = [
    { weight: 3, arbitrary: bad('wrong type', wrongType(schema)) },
    { weight: 1, arbitrary: bad('operator object', OPERATORS) },
    { weight: 1, arbitrary: bad(`nested ${DEPTH} levels`, deep) },
  ];
  if (type === 'string' || type === undefined) {
    options.push(
      { weight: 2, arbitrary: bad(CONTROL, controlText) },
      { weight: 2, arbitrary: bad(SURROGATE, surrogateText) },
      { weight: 1, arbitrary: bad(`huge string (${HUGE} chars)`, huge(HUGE)) },
    );
  }
  if (schema.enum?.length) options.push({ weight: 2, arbitrary: bad('not in enum', notInEnum(schema.enum)) });
  const bounds = outOfBounds(schema);
  if (bounds) options.push({ weight: 2, arbitrary: bad('out of bounds', bounds) });
  if (type === 'array') {
    const item = schema.items ?? {};
    options.push(
      {
        weight: 3,
        arbitrary: badValues(item).map(({ kind, value }) => ({
          kind: `item: ${kind}`,
          value: [validValue(item), value],
        })),
      },
      { weight: 1, arbitrary: bad('huge array (10000 items)', fc.constant(Array(10_000).fill(validValue(item)))) },
    );
  }
  return fc.oneof(...options);
}

const UNKNOWN_KEYS = fc.oneof(
  fc.constantFrom('unexpected', '__proto__', 'constructor', '$set', '_id', 'id', 'role', 'createdAt', 'isAdmin'),
  fc.stringMatching(/^[A-Za-z_$][\w$]{0,12}$/),
);

function unknownFields(known: string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .uniqueArray(
      fc.tuple(
        UNKNOWN_KEYS.filter((key) => !known.includes(key)),
        fc.oneof(fc.jsonValue({ maxDepth: 1 }), OPERATORS),
      ),
      { minLength: 1, maxLength: 3, selector: ([key]) => key },
    )
    .map((entries) => Object.fromEntries(entries)); // fromEntries keeps "__proto__" as an own key
}

function objectTargets(schema: Schema | undefined, prefix: string): Target[] {
  const properties = schema?.properties ?? {};
  const known = Object.keys(properties);
  return [
    ...Object.entries(properties).map(([name, property]) =>
      target(
        `${prefix}.${name}`,
        badValues(property),
        ({ kind, value }) => ({ on: 'field', name, value, kind, shown: value }),
        FIELD_WEIGHT,
      ),
    ),
    ...(schema?.required?.length
      ? [
          target(`${prefix}.-`, fc.constantFrom(...schema.required), (name) => ({
            on: 'missing',
            name,
            kind: 'required field left out',
            shown: name,
          })),
        ]
      : []),
    target(`${prefix}.+`, unknownFields(known), (fields) => ({
      on: 'extra',
      fields,
      kind: 'unknown fields',
      shown: fields,
    })),
  ];
}

export interface Target {
  name: string;
  /** its share of a route's cases */
  weight: number;
  mutations: fc.Arbitrary<Omit<Mutation, 'target'>>;
}

/** Each parameter and field gets twice the cases of a catch-all target (unknown fields, whole body, …). */
const FIELD_WEIGHT = 2;

function target<T>(
  name: string,
  values: fc.Arbitrary<T>,
  toMutation: (value: T) => Omit<Mutation, 'target'>,
  weight = 1,
): Target {
  return { name, weight, mutations: values.map(toMutation) };
}

/* ---------- URLs ---------- */

/** Percent-encodes everything but unreserved characters; a lone surrogate becomes its WTF-8 bytes. */
function encodeComponent(text: string): string {
  let encoded = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (/^[A-Za-z0-9._~-]$/.test(char)) encoded += char;
    else if (code >= 0xd800 && code <= 0xdfff) {
      encoded += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    } else encoded += encodeURIComponent(char);
  }
  return encoded;
}

const pair = (key: string, value: string) => `${encodeComponent(key)}=${encodeComponent(value)}`;
const base64url = (text: string) => Buffer.from(text).toString('base64url');

const FORGED_CURSORS = fc.oneof(
  fc
    .constantFrom<unknown>(['x', 5], [1e300, 'zz'], [null, { $gt: '' }])
    .map((value) => base64url(JSON.stringify(value))),
  fc
    .tuple(
      fc.oneof(fc.jsonValue({ maxDepth: 1 }), OPERATORS, fc.constantFrom(1e300, -1e300, 8.64e15 + 1)),
      fc.oneof(
        fc.jsonValue({ maxDepth: 1 }),
        OPERATORS,
        hex24.map((hex) => hex.toUpperCase()),
      ),
    )
    .map((value) => base64url(JSON.stringify(value))),
  fc.tuple(fc.string({ minLength: 1001, maxLength: 1100 }), hex24).map((value) => base64url(JSON.stringify(value))),
  fc.jsonValue({ maxDepth: 2 }).map((value) => base64url(JSON.stringify(value))),
  fc.uint8Array({ minLength: 1, maxLength: 48 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
  fc.string({ maxLength: 30 }).map(base64url),
  fc.constantFrom('', '=', '====', 'a'.repeat(600), '+/+/', 'null', 'W10'),
);

const NUMBER_TEXT = ['', 'abc', '1.5', '1e400', 'NaN', 'Infinity', '0x1A', ' 7', '1,2', '[]', '{}'];
const BOOLEAN_TEXT = ['yes', 'TRUE', '2', 'null', '', 'on', '[]'];

/** Bad values for one query parameter, already encoded as `name=value` pairs. */
function badQuery(parameter: Parameter): fc.Arbitrary<Bad & { encoded: string }> {
  const { name } = parameter;
  const schema = parameter.schema ?? {};
  const type = typeOf(schema);
  const one = (kind: string, values: fc.Arbitrary<string>) =>
    values.map((value) => ({ kind, value, encoded: pair(name, value) }));
  const options: fc.WeightedArbitrary<Bad & { encoded: string }>[] = [
    {
      weight: 2,
      arbitrary: fc
        .uniqueArray(fc.oneof(fc.constantFrom(...(schema.enum ?? ['a', 'b']).map(String)), fc.string()), {
          minLength: 2,
          maxLength: 3,
        })
        .map((values) => ({
          kind: 'repeated parameter',
          value: values,
          encoded: values.map((value) => pair(name, value)).join('&'),
        })),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(['[$gt]', ''], ['[$ne]', 'x'], ['[]', 'a'], ['[$regex]', '.*'], ['[a][b]', 'c'])
        .map(([suffix, value]) => ({
          kind: 'operator brackets',
          value: { [name + suffix]: value },
          encoded: pair(name + suffix, value),
        })),
    },
    { weight: 1, arbitrary: one('operator text', fc.constantFrom('{"$gt":""}', '{"$ne":null}', '[object Object]')) },
    { weight: 3, arbitrary: one(URL_TEXT, urlText) },
    { weight: 1, arbitrary: one(`huge string (${HUGE_IN_URL} chars)`, huge(HUGE_IN_URL)) },
  ];
  if (type === 'number') options.push({ weight: 2, arbitrary: one('not a number', fc.constantFrom(...NUMBER_TEXT)) });
  if (type === 'boolean') {
    options.push({ weight: 2, arbitrary: one('not a boolean', fc.constantFrom(...BOOLEAN_TEXT)) });
  }
  if (schema.enum?.length) {
    options.push({ weight: 2, arbitrary: one('not in enum', notInEnum(schema.enum).map(String)) });
  }
  const bounds = outOfBounds(schema);
  if (bounds) options.push({ weight: 2, arbitrary: one('out of bounds', bounds.map(String)) });
  if (name === 'cursor') options.push({ weight: 6, arbitrary: one('forged cursor', FORGED_CURSORS) });
  return fc.oneof(...options);
}

const BAD_IDS = fc.oneof(
  fc.stringMatching(/^[0-9a-f]{23}$/),
  fc.stringMatching(/^[0-9a-f]{25}$/),
  fc.stringMatching(/^[g-z]{24}$/),
  fc.string({ minLength: 12, maxLength: 12 }),
  fc.constantFrom('null', 'undefined', '0', '-1', 'me', '$gt', '[object Object]', '..', '.', 'true', '{"$gt":""}'),
);

function badPath(): fc.Arbitrary<Bad & { encoded: string }> {
  const encodedAs = (kind: string, values: fc.Arbitrary<string>) =>
    values.map((value) => ({ kind, value, encoded: encodeComponent(value) }));
  return fc.oneof(
    { weight: 3, arbitrary: encodedAs('unknown id', hex24) },
    { weight: 3, arbitrary: encodedAs('not a 24-hex id', BAD_IDS) },
    { weight: 2, arbitrary: encodedAs(URL_TEXT, urlText) },
    { weight: 1, arbitrary: encodedAs(`huge string (${HUGE_IN_URL} chars)`, huge(HUGE_IN_URL)) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('%ZZ', '%', '%E0%A4%A', '%C0%AE%C0%AE', '%2e%2e', '%2F')
        .map((encoded) => ({ kind: 'malformed percent-encoding', value: encoded, encoded })),
    },
  );
}

const UNKNOWN_QUERY_KEYS = fc.oneof(
  fc.constantFrom('unknown', '$where', '__proto__', 'constructor', 'toString', '_id', 'a[b]', '__proto__[admin]'),
  fc.stringMatching(/^[a-z]{1,10}$/),
);

const JUNK_TOKEN = fc.stringMatching(/^[A-Za-z0-9._~+/=-]{1,200}$/);

const AUTH: fc.Arbitrary<Bad & { auth: AuthSpec }> = fc.oneof(
  fc
    .constantFrom('Bearer', 'Bearer ', 'bearer x', 'Basic YWRtaW46YWRtaW4=', 'Bearer null', 'Bearer a.b.c', 'Token x')
    .map((header) => ({ kind: 'malformed header', value: header, auth: { header } })),
  JUNK_TOKEN.map((token) => ({ kind: 'junk token', value: token, auth: { header: `Bearer ${token}` } })),
  fc.constant({
    kind: `huge token (${HUGE_IN_URL} chars)`,
    value: '…',
    auth: { header: `Bearer ${'a'.repeat(HUGE_IN_URL)}` },
  }),
  fc
    .constantFrom<'refresh token' | 'tampered' | 'other secret' | 'alg none' | 'expired'>(
      'refresh token',
      'tampered',
      'other secret',
      'alg none',
      'expired',
    )
    .map((forge) => ({ kind: 'forged token', value: forge, auth: { forge } })),
  fc
    .oneof(hex24, controlText, surrogateText, ANY.number, ANY.object, ANY.array, fc.constant(null))
    .map((sub) => ({ kind: 'signed token with a bad subject', value: sub, auth: { forge: 'subject' as const, sub } })),
);

const WHOLE_BODY: fc.Arbitrary<Bad & { body: BodySpec }> = fc.oneof(
  fc
    .oneof(ANY.array, ANY.string, ANY.number, ANY.boolean, ANY.null)
    .map((json) => ({ kind: 'body of wrong type', value: json, body: { json } })),
  deep.map((json) => ({ kind: `body nested ${DEPTH} levels`, value: json, body: { json } })),
  fc
    .constantFrom('{"a":', '{a:1}', "{'a':1}", '[1,]', '{"a":1}x', 'NaN', '\u0000', '\ufeff{}', '')
    .map((raw) => ({ kind: 'malformed JSON', value: raw, body: { raw, contentType: 'application/json' } })),
  fc
    .constantFrom(
      ['application/x-www-form-urlencoded', 'email[$gt]=&name[$ne]=x&__proto__[admin]=1'],
      ['text/plain', '{"a":1}'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--'],
      ['application/xml', '<a/>'],
      ['application/json; charset=utf-7', '{}'],
    )
    .map(([contentType, raw]) => ({
      kind: 'unexpected content type',
      value: `${contentType}: ${raw}`,
      body: { raw, contentType },
    })),
  fc.constant({
    kind: 'body over 100 kB',
    value: '{"padding":"xxx…"}',
    body: { json: { padding: 'x'.repeat(200_000) } },
  }),
);

/** One target per path parameter, query parameter and body field, and catch-alls (unknown, missing, whole body, token). */
export function routeTargets(route: Route): Target[] {
  const targets: Target[] = [];
  for (const parameter of route.parameters) {
    if (parameter.in === 'path') {
      targets.push(
        target(
          `path.${parameter.name}`,
          badPath(),
          ({ kind, value, encoded }) => ({ on: 'path', name: parameter.name, encoded, kind, shown: value }),
          FIELD_WEIGHT,
        ),
      );
    } else if (parameter.in === 'query') {
      targets.push(
        target(
          `query.${parameter.name}`,
          badQuery(parameter),
          ({ kind, value, encoded }) => ({ on: 'query', encoded, kind, shown: value }),
          FIELD_WEIGHT,
        ),
      );
    }
  }
  const known = route.parameters.map((parameter) => parameter.name);
  targets.push(
    target(
      'query.+',
      fc.uniqueArray(
        fc.tuple(
          UNKNOWN_QUERY_KEYS.filter((key) => !known.includes(key)),
          fc.string({ maxLength: 12 }),
        ),
        {
          minLength: 1,
          maxLength: 3,
          selector: ([key]) => key,
        },
      ),
      (pairs) => ({
        on: 'query',
        encoded: pairs.map(([key, value]) => pair(key, value)).join('&'),
        kind: 'unknown parameters',
        shown: Object.fromEntries(pairs),
      }),
    ),
  );
  if (route.body) {
    targets.push(...objectTargets(route.body, 'body'));
    targets.push(target('body', WHOLE_BODY, ({ kind, value, body }) => ({ on: 'body', body, kind, shown: value })));
  } else if (route.method !== 'GET') {
    targets.push(
      target('body', fc.oneof(ANY.object, deep, unknownFields([])), (json) => ({
        on: 'body',
        body: { json },
        kind: 'unexpected body',
        shown: json,
      })),
    );
  }
  if (route.secured) {
    targets.push(target('authorization', AUTH, ({ kind, value, auth }) => ({ on: 'auth', auth, kind, shown: value })));
  }
  return targets;
}

/** The same for a socket event's payload (schema undefined: the handler declares no DTO). */
export function payloadTargets(schema: Schema | undefined): Target[] {
  const whole = fc.oneof(
    fc
      .oneof(ANY.array, ANY.string, ANY.number, ANY.boolean, ANY.null)
      .map((value) => ({ kind: 'payload of wrong type', value, args: [value] })),
    deep.map((value) => ({ kind: `payload nested ${DEPTH} levels`, value, args: [value] })),
    huge(HUGE).map((value) => ({ kind: `huge string payload (${HUGE} chars)`, value, args: [value] })),
    fc.constant({ kind: 'no payload', value: undefined, args: [] }),
    fc
      .tuple(fc.jsonValue({ maxDepth: 1 }), fc.jsonValue({ maxDepth: 1 }))
      .map((args) => ({ kind: 'two payload arguments', value: args, args })),
  );
  return [
    ...objectTargets(schema, 'payload'),
    target('payload', whole, ({ kind, value, args }) => ({ on: 'args', args, kind, shown: value })),
  ];
}

function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) value = Math.imul(value ^ text.charCodeAt(i), 0x01000193);
  return value >>> 0;
}

/** `total` split in proportion to the weights (largest remainders first), at least 1 each. */
function apportion(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const counts = exact.map(Math.floor);
  const byRemainder = exact.map((value, index) => [value % 1, index]).sort(([a], [b]) => b - a);
  for (let left = total - counts.reduce((a, b) => a + b, 0), i = 0; left > 0; left -= 1, i += 1) {
    counts[byRemainder[i][1]] += 1;
  }
  return counts.map((count) => Math.max(count, 1));
}

/**
 * About `runs` cases (at least one per target), spread over the targets by weight; each target
 * draws its cases from a seed of its own (the base seed and the target's name), so adding a route
 * or a field leaves the other cases as they were.
 */
export function sampleCases(scope: string, targets: Target[], runs: number, seed: number, who: fc.Arbitrary<Who>) {
  const counts = apportion(
    targets.map((entry) => entry.weight),
    runs,
  );
  return targets.flatMap((entry, index) => {
    const count = counts[index];
    const cases = fc.record({ who, pick: fc.nat(), mutation: entry.mutations });
    return fc
      .sample(cases, { seed: (seed + hash(`${scope} ${entry.name}`)) | 0, numRuns: count })
      .map((sampled): FuzzCase => ({ ...sampled, mutation: { ...sampled.mutation, target: entry.name } as Mutation }));
  });
}

/* ---------- building and sending a request ---------- */

/** Real ids the fixtures provide, by resource (`groups`, `users`, …). */
export type FixtureIds = Record<string, string[]>;

/** A fixture id for a path parameter or `…Id` field: by the path segment before `{id}`, or `userId` → users. */
function realId(name: string, path: string, ids: FixtureIds, pick: number): string {
  const resource =
    name === 'id' ? /\/([^/{}]+)\/\{id\}/.exec(path)?.[1] : /^(.+)Id$/.test(name) ? `${name.slice(0, -2)}s` : undefined;
  const candidates = (resource && ids[resource]) || Object.values(ids).flat();
  return candidates[pick % candidates.length];
}

/** The object the mutation applies to: required fields with plausible values (ids from fixtures). */
function baseline(schema: Schema | undefined, path: string, ids: FixtureIds, pick: number) {
  const value: Record<string, unknown> = {};
  for (const name of schema?.required ?? []) {
    const property = schema?.properties?.[name] ?? {};
    value[name] =
      /Id$/.test(name) && typeOf(property) === 'string' ? realId(name, path, ids, pick) : validValue(property);
  }
  return value;
}

/** The mutated object (body or payload): the baseline with one field wrong, missing or added. */
function mutatedObject(base: Record<string, unknown>, mutation: Mutation): Record<string, unknown> {
  if (mutation.on === 'field') return { ...base, [mutation.name]: mutation.value };
  if (mutation.on === 'missing') {
    return Object.fromEntries(Object.entries(base).filter(([key]) => key !== mutation.name));
  }
  if (mutation.on === 'extra') return { ...base, ...mutation.fields };
  return base;
}

function sign(claims: Record<string, unknown>, secret: string, algorithm = 'HS256'): string {
  const header = base64url(JSON.stringify({ alg: algorithm, typ: 'JWT' }));
  const payload = base64url(JSON.stringify(claims));
  const signature =
    algorithm === 'none' ? '' : createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** The Authorization header an AuthSpec stands for, forging tokens with the app's real or a wrong secret. */
function authorizationFor(auth: AuthSpec, admin: Credentials, secret: string): string {
  if ('header' in auth) return auth.header;
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: admin.id, role: 'admin', fam: 'forged', iat: now, exp: now + 600 };
  const token = (() => {
    switch (auth.forge) {
      case 'refresh token':
        return admin.refreshToken;
      case 'tampered': {
        const [header, payload, signature] = admin.accessToken.split('.');
        return `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
      }
      case 'other secret':
        return sign(claims, randomBytes(32).toString('hex'));
      case 'alg none':
        return sign(claims, '', 'none');
      case 'expired':
        return sign({ ...claims, iat: now - 7200, exp: now - 3600 }, secret);
      case 'subject':
        return sign({ ...claims, sub: auth.sub }, secret);
    }
  })();
  return `Bearer ${token}`;
}

export interface Credentials {
  id: string;
  accessToken: string;
  refreshToken: string;
}

export interface RequestContext {
  ids: FixtureIds;
  admin: Credentials;
  member: Credentials;
  /** the app's access-token secret, to sign tokens with bad claims */
  secret: string;
}

export interface RawRequest {
  method: string;
  pathAndQuery: string;
  headers: Record<string, string>;
  body?: string;
}

/** The request a case stands for: real ids and plausible required values, and the one mutation. */
export function buildRequest(route: Route, { who, pick, mutation }: FuzzCase, context: RequestContext): RawRequest {
  const path = route.path.replace(/\{([^}]+)\}/g, (_match, name: string) =>
    mutation.on === 'path' && mutation.name === name
      ? mutation.encoded
      : encodeComponent(realId(name, route.path, context.ids, pick)),
  );
  const query = route.parameters
    .filter(
      (parameter) => parameter.in === 'query' && parameter.required && mutation.target !== `query.${parameter.name}`,
    )
    .map((parameter) => pair(parameter.name, String(validValue(parameter.schema ?? {}))));
  if (mutation.on === 'query') query.push(mutation.encoded);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (mutation.on === 'auth') headers.authorization = authorizationFor(mutation.auth, context.admin, context.secret);
  else if (who !== 'guest') headers.authorization = `Bearer ${context[who].accessToken}`;
  const body: BodySpec | undefined =
    mutation.on === 'body'
      ? mutation.body
      : route.body && { json: mutatedObject(baseline(route.body, route.path, context.ids, pick), mutation) };
  if (body) headers['content-type'] = 'raw' in body ? body.contentType : 'application/json';
  return {
    method: route.method,
    pathAndQuery: query.length ? `${path}?${query.join('&')}` : path,
    headers,
    body: body && ('raw' in body ? body.raw : JSON.stringify(body.json)),
  };
}

/** The arguments a socket case emits after the event name. */
export function payloadArgs(schema: Schema | undefined, { pick, mutation }: FuzzCase, ids: FixtureIds): unknown[] {
  if (mutation.on === 'args') return mutation.args;
  return [mutatedObject(baseline(schema, '', ids, pick), mutation)];
}

/** One line: who, what was mutated, how, and the value (cut at 200 characters). */
export function describeCase({ who, mutation }: FuzzCase): string {
  const caller = mutation.on === 'auth' ? '' : `${who} `;
  return `${caller}${mutation.target} ← ${mutation.kind}: ${preview(mutation.shown)}`;
}

export interface HttpResponse {
  status: number;
  text: string;
  json: unknown;
}

const agent = new Agent({ keepAlive: true });

/** A raw HTTP request (no client-side encoding or validation of what we send). */
export function send(
  baseUrl: string,
  method: string,
  pathAndQuery: string,
  headers: Record<string, string>,
  body?: string,
): Promise<HttpResponse> {
  const url = new URL(baseUrl);
  return new Promise((done) => {
    const request = httpRequest(
      { host: url.hostname, port: url.port, method, path: pathAndQuery, headers, agent, timeout: 30_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          done({ status: response.statusCode ?? 0, text, json });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error('no response within 30 s')));
    request.on('error', (error) => done({ status: 0, text: `request failed: ${error.message}`, json: undefined }));
    if (body !== undefined) request.setHeader('content-length', Buffer.byteLength(body));
    request.end(body);
  });
}

/* ---------- socket events ---------- */

export interface GatewayEvent {
  namespace: string;
  event: string;
  payload?: Schema;
}

/** Every @SubscribeMessage of every gateway in the running app, with its payload DTO's schema. */
export function gatewayEvents(app: INestApplication): GatewayEvent[] {
  const scanner = new MetadataScanner();
  const gateways = new Set<new (...args: never[]) => unknown>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.providers.values()) {
      if (typeof metatype === 'function' && Reflect.getMetadata(GATEWAY_METADATA, metatype)) {
        gateways.add(metatype as new (...args: never[]) => unknown);
      }
    }
  }
  const found: { namespace: string; event: string; dto?: new () => unknown }[] = [];
  for (const gateway of gateways) {
    const options = (Reflect.getMetadata(GATEWAY_OPTIONS, gateway) ?? {}) as { namespace?: unknown };
    const name = typeof options.namespace === 'string' ? options.namespace : '/';
    const namespace = name.startsWith('/') ? name : `/${name}`;
    const prototype = gateway.prototype as Record<string, unknown>;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[method] as object;
      if (!Reflect.getMetadata(MESSAGE_MAPPING_METADATA, handler)) continue;
      const event = String(Reflect.getMetadata(MESSAGE_METADATA, handler));
      const args = (Reflect.getMetadata(PARAM_ARGS_METADATA, gateway, method) ?? {}) as Record<
        string,
        { index: number; data?: unknown }
      >;
      const [, payloadArg] =
        Object.entries(args).find(([key, arg]) => key.startsWith(`${WsParamtype.PAYLOAD}:`) && !arg.data) ?? [];
      const types = (Reflect.getMetadata('design:paramtypes', prototype, method) ?? []) as unknown[];
      const type = payloadArg ? types[payloadArg.index] : undefined;
      const isDto = typeof type === 'function' && ![Object, String, Number, Boolean, Array].includes(type as never);
      found.push({ namespace, event, dto: isDto ? (type as new () => unknown) : undefined });
    }
  }
  const dtos = [...new Set(found.flatMap(({ dto }) => (dto ? [dto] : [])))];
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().build(), {
    extraModels: dtos as never[],
  }) as unknown as OpenApiDocument;
  const schemas = document.components?.schemas ?? {};
  return found.map(({ namespace, event, dto }) => ({
    namespace,
    event,
    payload: dto ? resolve(schemas[dto.name] ?? {}, schemas) : undefined,
  }));
}

/* ---------- reporting ---------- */

/** JSON-ish one-liner of a value, control characters and lone surrogates escaped, cut at `max`. */
export function preview(value: unknown, max = 200): string {
  let text: string;
  if (value === undefined) text = '(nothing)';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  text = text.replace(/[\p{Cc}\u2028\u2029]/gu, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

export interface Failure {
  /** "target ← kind", to list which inputs hit the same problem */
  target: string;
  input: string;
  status: string;
  body: string;
  problems: string[];
}

/**
 * All failures of one route or event, grouped by what went wrong (server errors first): the
 * statuses and inputs of each group, and an example for each of up to three different inputs.
 */
export function failureReport(subject: string, cases: number, failures: Failure[], seed: number): string {
  const groups = new Map<string, Failure[]>();
  for (const failure of failures) {
    const key = failure.problems.join('; ');
    groups.set(key, [...(groups.get(key) ?? []), failure]);
  }
  const ordered = [...groups].sort(
    ([a], [b]) => Number(b.startsWith('server error')) - Number(a.startsWith('server error')),
  );
  const lines = [`${subject}: ${failures.length} of ${cases} cases failed (seed ${seed}), ${groups.size} distinct:`];
  for (const [key, members] of ordered) {
    const count = (values: string[]) =>
      [...new Set(values)].map((value) => `${value} ×${values.filter((other) => other === value).length}`).join(', ');
    lines.push(
      `  [${members.length}×] ${key}`,
      `      status: ${count(members.map((failure) => failure.status))}`,
      `      inputs: ${count(members.map((failure) => failure.target))}`,
    );
    const examples = [...new Map(members.map((failure) => [failure.target, failure])).values()].slice(0, 3);
    for (const failure of examples) {
      lines.push(`      e.g. ${failure.input}`, `        → ${failure.status} ${failure.body}`);
    }
  }
  return lines.join('\n');
}

/** Collections whose count changed ("users +1"). */
export function countChanges(before: Record<string, number>, after: Record<string, number>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .map((name) => [name, (after[name] ?? 0) - (before[name] ?? 0)] as const)
    .filter(([, delta]) => delta !== 0)
    .map(([name, delta]) => `${name} ${delta > 0 ? '+' : ''}${delta}`);
}

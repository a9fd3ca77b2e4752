import { describe, expect, it } from '@jest/globals';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEmail, IsInt, IsOptional, IsString, Min, MinLength, ValidateNested } from 'class-validator';
import { ApiError } from '../errors/api-error.js';
import { createValidationPipe } from './validation-pipe.js';

class Address {
  @IsString()
  @MinLength(2)
  city!: string;
}

class Person {
  @IsEmail()
  email!: string;

  @IsInt()
  @Min(0)
  age!: number;

  @ValidateNested()
  @Type(() => Address)
  address!: Address;

  @IsOptional()
  @ArrayMaxSize(1)
  @ValidateNested({ each: true })
  @Type(() => Address)
  previousAddresses?: Address[];
}

async function detailsFor(body: unknown) {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: Person });
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).getStatus()).toBe(400);
    return (error as ApiError).details;
  }
  throw new Error('expected validation to fail');
}

describe('createValidationPipe', () => {
  it('reports one detail per bad field, nested fields by dotted path', async () => {
    expect(await detailsFor({ email: 'nope', age: -1, address: { city: 'X' } })).toEqual([
      { field: 'email', problem: 'must be an email' },
      { field: 'age', problem: 'must not be less than 0' },
      { field: 'address.city', problem: 'must be longer than or equal to 2 characters' },
    ]);
  });

  it('says a missing field is required, whatever its other rules', async () => {
    expect(await detailsFor({ age: 2, address: {} })).toEqual([
      { field: 'email', problem: 'is required' },
      { field: 'address.city', problem: 'is required' },
    ]);
  });

  it('names what is wrong with a field whose items are wrong too, not that it is missing', async () => {
    const previousAddresses = [{ city: 'X' }, { city: 'Paris' }];
    expect(await detailsFor({ email: 'a@b.org', age: 1, address: { city: 'Lyon' }, previousAddresses })).toEqual([
      { field: 'previousAddresses', problem: 'must contain no more than 1 elements' },
      { field: 'previousAddresses.0.city', problem: 'must be longer than or equal to 2 characters' },
    ]);
  });

  it('refuses a body that is not a JSON object', async () => {
    for (const body of [[{ email: 'a@b.org' }], 'text', 42, null]) {
      expect(await detailsFor(body)).toEqual([{ field: 'body', problem: 'must be a JSON object' }]);
    }
  });

  it('reads a request without a body as an empty one, naming its required fields', async () => {
    expect(await detailsFor(undefined)).toEqual([
      { field: 'email', problem: 'is required' },
      { field: 'age', problem: 'is required' },
    ]);
  });

  it('leaves arguments the server supplies (a socket, the caller) alone, however deep', async () => {
    const deep: Record<string, unknown> = {};
    let level = deep;
    for (let depth = 0; depth < 100; depth += 1) level = level.next = {} as Record<string, unknown>;
    expect(await createValidationPipe().transform(deep, { type: 'custom', metatype: Object })).toBe(deep);
  });

  it('refuses unknown fields by name', async () => {
    expect(await detailsFor({ email: 'a@b.org', age: 1, address: { city: 'Rabat' }, admin: true })).toEqual([
      { field: 'admin', problem: 'is not an allowed field' },
    ]);
  });

  it('passes a valid body through as an instance of the DTO', async () => {
    const person = await createValidationPipe().transform(
      { email: 'a@b.org', age: 3, address: { city: 'Rabat' } },
      { type: 'body', metatype: Person },
    );
    expect(person).toBeInstanceOf(Person);
    expect(person.address).toBeInstanceOf(Address);
  });
});

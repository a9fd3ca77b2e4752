import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { getConnectionToken, InjectModel, MongooseModule, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import { AppConfig, CoreModule } from '@plenary/core';
import { BaseRepository, DatabaseModule, type PlainRecord, servesFerretDb, writesAreGatedOn } from '@plenary/database';
import { type Connection, type Model, SchemaTypes } from 'mongoose';
import { uniqueDatabaseUri } from './support/test-database.js';

/** A document that many requests change at once, as a thread's pin and reply count will be. */
@Schema({ collection: 'gate_counters' })
class Counter {
  @Prop({ type: String, required: true })
  name!: string;

  @Prop({ type: Number, required: true, default: 0 })
  value!: number;

  @Prop({ type: SchemaTypes.Mixed, default: {} })
  fields!: Record<string, number>;
}

const CounterSchema = SchemaFactory.createForClass(Counter);
CounterSchema.index({ name: 1 }, { unique: true });

type CounterRecord = PlainRecord<Counter>;

/** A repository like the app's: it extends the base repository and writes through it. */
@Injectable()
class CountersRepository extends BaseRepository<Counter> {
  constructor(@InjectModel(Counter.name) model: Model<Counter>) {
    super(model);
  }

  create(name: string, value: number): Promise<CounterRecord> {
    return this.insertOne({ name, value, fields: {} });
  }

  increment(id: string): Promise<CounterRecord | null> {
    return this.updateOneAndGet({ _id: id }, { $inc: { value: 1 } });
  }

  /** Takes one if any is left: a guarded update, like claiming the last seat. */
  takeOne(id: string): Promise<CounterRecord | null> {
    return this.updateOneAndGet({ _id: id, value: { $gt: 0 } }, { $inc: { value: -1 } });
  }

  setField(id: string, field: string, value: number): Promise<CounterRecord | null> {
    return this.updateOneAndGet({ _id: id }, { $set: { [`fields.${field}`]: value } });
  }

  add(name: string, amount: number): Promise<void> {
    return this.upsert({ name }, { $inc: { value: amount } });
  }

  findByName(name: string): Promise<CounterRecord | null> {
    return this.findOne({ name });
  }

  countNamed(name: string): Promise<number> {
    return this.count({ name });
  }
}

let context: INestApplicationContext;
let counters: CountersRepository;
let connection: Connection;

beforeAll(async () => {
  const config = AppConfig.fromEnvironment({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MONGODB_URI: uniqueDatabaseUri('write_gate'),
  });
  const module = await Test.createTestingModule({
    imports: [
      CoreModule.forRoot(config),
      DatabaseModule,
      MongooseModule.forFeature([{ name: Counter.name, schema: CounterSchema }]),
    ],
    providers: [CountersRepository],
  }).compile();
  context = await module.init();
  counters = context.get(CountersRepository);
  connection = context.get<Connection>(getConnectionToken());
});

afterAll(async () => {
  await connection.dropDatabase().catch(() => undefined);
  await context.close();
});

describe('writes to one document at once, through the base repository', () => {
  it('gates writes exactly when the server is FerretDB', async () => {
    expect(writesAreGatedOn(connection)).toBe(await servesFerretDb(connection));
  });

  it('counts 50 parallel increments as 50', async () => {
    const counter = await counters.create('increments', 0);
    const results = await Promise.all(Array.from({ length: 50 }, () => counters.increment(counter.id)));
    expect(results.every((result) => result !== null)).toBe(true);
    expect((await counters.findById(counter.id))?.value).toBe(50);
  });

  it('lets exactly 5 of 20 parallel guarded decrements from 5 succeed', async () => {
    const counter = await counters.create('seats', 5);
    const results = await Promise.all(Array.from({ length: 20 }, () => counters.takeOne(counter.id)));
    expect(results.filter((result) => result !== null)).toHaveLength(5);
    expect((await counters.findById(counter.id))?.value).toBe(0);
  });

  it('keeps all 20 of 20 parallel $set of different fields', async () => {
    const counter = await counters.create('fields', 0);
    await Promise.all(Array.from({ length: 20 }, (_, i) => counters.setField(counter.id, `f${i}`, i)));
    const stored = await counters.findById(counter.id);
    expect(stored?.fields).toEqual(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, i])));
  });

  it('makes 20 parallel upserts of one new key one document that counts them all', async () => {
    await Promise.all(Array.from({ length: 20 }, () => counters.add('upserted', 1)));
    expect(await counters.countNamed('upserted')).toBe(1);
    expect((await counters.findByName('upserted'))?.value).toBe(20);
  });
});

import type { Connection, MongooseQueryMiddleware, Query, Schema } from 'mongoose';

/**
 * The operations that change documents already stored. FerretDB 1.24 runs each as read, change in
 * Go, rewrite the whole document, with nothing holding the steps together: two at once on one
 * document lose one of the changes (an $inc, a guarded update, even a $set of another field).
 * Inserts need no gate: a unique index keeps concurrent inserts apart on every server.
 */
export const GATED_OPERATIONS: MongooseQueryMiddleware[] = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'replaceOne',
  'deleteOne',
  'deleteMany',
];

/** Runs writes to one namespace (database.collection) one after another, in arrival order. */
export class WriteGate {
  private readonly tails = new Map<string, Promise<void>>();

  /** Waits until every earlier write to the namespace is done; call the returned function when this one is. */
  async acquire(namespace: string): Promise<() => void> {
    const previous = this.tails.get(namespace) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => done);
    this.tails.set(namespace, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(namespace) === tail) this.tails.delete(namespace);
    };
  }

  /** Namespaces with a write under way or waiting (for tests). */
  get busy(): number {
    return this.tails.size;
  }
}

/** One gate per process: every connection to a FerretDB server from this instance shares it. */
const gate = new WriteGate();
const gatedConnections = new WeakSet<Connection>();
const RELEASE = Symbol('plenary.writeGate.release');
const PLUGGED = Symbol('plenary.writeGate.plugged');

type GatedQuery = Query<unknown, unknown> & { [RELEASE]?: () => void };

/** Serializes the gated operations of every model on this connection from now on. */
export function gateWritesOn(connection: Connection): void {
  gatedConnections.add(connection);
}

export function writesAreGatedOn(connection: Connection): boolean {
  return gatedConnections.has(connection);
}

/**
 * Mongoose plugin: the gated operations of a model whose connection is gated wait for the write
 * gate of their collection before they run and free it when they end, successfully or not.
 * Connections that are not gated (MongoDB, atomic per document) pass straight through.
 */
export function writeGatePlugin(schema: Schema): void {
  const marked = schema as Schema & { [PLUGGED]?: boolean };
  // Schemas are shared by every connection of the process: hook them once, or a write would wait for itself.
  if (marked[PLUGGED]) return;
  marked[PLUGGED] = true;
  schema.pre(GATED_OPERATIONS, async function (this: GatedQuery) {
    if (!gatedConnections.has(this.model.db)) return;
    this[RELEASE] = await gate.acquire(this.model.collection.namespace);
  });
  schema.post(GATED_OPERATIONS, function (this: GatedQuery) {
    releaseOf(this);
  });
  schema.post(GATED_OPERATIONS, { errorHandler: true }, function (this: GatedQuery, error, _result, next) {
    releaseOf(this);
    next(error);
  });
}

function releaseOf(query: GatedQuery): void {
  const release = query[RELEASE];
  query[RELEASE] = undefined;
  release?.();
}

/** True when the server behind the connection is FerretDB (its buildInfo says so). */
export async function servesFerretDb(connection: Connection): Promise<boolean> {
  const db = connection.db;
  if (!db) throw new Error('the connection is not open');
  const info = await db.admin().command({ buildInfo: 1 });
  return typeof info.ferretdbVersion === 'string' || typeof info.ferretdb === 'object';
}

import { isolatedEnv, sharedEngineUrls } from '@omnibox/testing';
import mongoose, { Connection, Model, Schema } from 'mongoose';
import { InsertBatcher } from '../src/engines/insert-batcher';

interface Row {
  _id: string;
  text: string;
}

const RowSchema = new Schema<Row>({ _id: String, text: String }, { collection: 'rows', versionKey: false });
const database = `${isolatedEnv().MONGODB_DATABASE_PREFIX}_batcher`;

describe('InsertBatcher on a real MongoDB-wire server', () => {
  let mongo: Connection;
  let rows: Model<Row>;
  let insertCommands = 0;

  beforeAll(async () => {
    mongo = await mongoose.createConnection(sharedEngineUrls.MONGODB_URL, { dbName: database, monitorCommands: true }).asPromise();
    mongo.getClient().on('commandStarted', (event) => void (event.commandName === 'insert' && insertCommands++));
    rows = mongo.model('Row', RowSchema);
  });

  afterAll(async () => {
    await mongo.close();
  });

  it('concurrent inserts share commands, each caller learns its own outcome, and every document is stored once', async () => {
    await rows.create({ _id: 'early-7', text: 'already there' });
    const batcher = new InsertBatcher(rows, 25, 1);
    insertCommands = 0;
    const sent = Array.from({ length: 60 }, (_, i) => ({ _id: `early-${i}`, text: `row ${i}` }));
    // A redone insert (same id twice in one burst) and one already stored are duplicates, not errors.
    const outcomes = await Promise.all([...sent, { _id: 'early-3', text: 'row 3 again' }].map((row) => batcher.insert(row)));
    expect(insertCommands).toBe(3); // 61 documents, at most 25 per command
    expect(outcomes.filter((outcome) => outcome === 'duplicate')).toHaveLength(2);
    expect(outcomes[7]).toBe('duplicate');
    expect(outcomes[60]).toBe('duplicate');
    expect(await rows.countDocuments({ _id: { $regex: /^early-/ } })).toBe(60);
    expect((await rows.findById('early-3').lean())?.text).toBe('row 3');
    expect((await rows.findById('early-7').lean())?.text).toBe('already there');
  });

  it('a lone insert is written at once, without waiting for company', async () => {
    const batcher = new InsertBatcher(rows);
    const started = Date.now();
    expect(await batcher.insert({ _id: 'alone', text: 'solo' })).toBe('inserted');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await rows.findById('alone').lean()).toEqual({ _id: 'alone', text: 'solo' });
  });

  it('a batch that cannot be written fails every caller in it: none is told it was stored', async () => {
    const closed = await mongoose.createConnection(sharedEngineUrls.MONGODB_URL, { dbName: database, bufferCommands: false }).asPromise();
    const batcher = new InsertBatcher(closed.model('Row', RowSchema));
    await closed.close();
    const results = await Promise.allSettled([batcher.insert({ _id: 'lost-1', text: 'a' }), batcher.insert({ _id: 'lost-2', text: 'b' })]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await rows.countDocuments({ _id: { $in: ['lost-1', 'lost-2'] } })).toBe(0);
  });
});

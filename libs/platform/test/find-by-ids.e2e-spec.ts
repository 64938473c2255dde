import { isolatedEnv, sharedEngineUrls } from '@omnibox/testing';
import mongoose, { Connection, Model, Schema } from 'mongoose';
import { findByIds } from '../src/engines/mongo';

interface Row {
  _id: string;
  workspaceId: string;
  text: string;
}

const RowSchema = new Schema<Row>({ _id: String, workspaceId: String, text: String }, { collection: 'rows', versionKey: false });
const database = `${isolatedEnv().MONGODB_DATABASE_PREFIX}_find_by_ids`;

describe('findByIds on a real MongoDB-wire server', () => {
  let mongo: Connection;
  let rows: Model<Row>;
  const commands: Array<{ name: string; filter: unknown }> = [];

  beforeAll(async () => {
    mongo = await mongoose.createConnection(sharedEngineUrls.MONGODB_URL, { dbName: database, monitorCommands: true }).asPromise();
    mongo.getClient().on('commandStarted', (event) => void (event.commandName === 'find' && commands.push({ name: event.commandName, filter: event.command.filter })));
    rows = mongo.model('Row', RowSchema);
    const docs = Array.from({ length: 400 }, (_, i) => ({ _id: `r${i}`, workspaceId: i % 2 ? 'odd' : 'even', text: `row ${i}` }));
    await rows.insertMany(docs);
  });

  afterAll(async () => {
    await mongo.close();
  });

  it('a few ids are read by _id, each once, and only the documents matching the filter come back', async () => {
    commands.length = 0;
    const found = await findByIds<Row>(rows, ['r2', 'r3', 'r4', 'r2', 'missing'], { workspaceId: 'even' });
    expect(found.map((row) => row._id).sort()).toEqual(['r2', 'r4']);
    // One read per distinct id, by equality on _id (FerretDB serves $in by reading every document).
    expect(commands).toHaveLength(4);
    expect(commands.every((command) => typeof (command.filter as { _id: unknown })._id === 'string')).toBe(true);
  });

  it('hundreds of ids are one query, with the same answer', async () => {
    commands.length = 0;
    const ids = Array.from({ length: 300 }, (_, i) => `r${i}`);
    const found = await findByIds<Pick<Row, '_id'>>(rows, ids, { workspaceId: 'odd' }, { _id: 1 });
    expect(found.map((row) => row._id).sort()).toEqual(ids.filter((_, i) => i % 2).sort());
    expect(commands).toHaveLength(1);
  });
});

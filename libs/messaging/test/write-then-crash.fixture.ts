// Runs in a child process: records an event through the outbox, then dies (SIGKILL) at the moment
// the event would be published, i.e. after the state write and before the publish.
import { defineEvent, EventEnvelope } from '@omnibox/contracts';
import { createLogger } from '@omnibox/platform';
import mongoose, { Schema } from 'mongoose';
import { EventBus } from '../src/event-bus';
import { Outbox, withOutbox } from '../src/outbox';

const OrderPlaced = defineEvent<{ item: string }>('test.order.placed');

async function main() {
  const [mongoUrl, database, workspaceId, orderId] = process.argv.slice(2);
  const connection = await mongoose.createConnection(mongoUrl, { dbName: database }).asPromise();
  const orders = connection.model('Order', withOutbox(new Schema({ _id: String, item: String }, { collection: 'orders', versionKey: false })));
  const crashingBus = {
    publish: async (_event: EventEnvelope) => {
      process.kill(process.pid, 'SIGKILL');
      await new Promise(() => undefined);
    },
  } as unknown as EventBus;
  const outbox = new Outbox(connection, crashingBus, createLogger('crash-fixture', 'silent'));
  const event = OrderPlaced.create({ workspaceId, aggregateId: orderId, data: { item: 'crash-proof' } });
  process.stdout.write(`${event.id}\n`);
  await outbox.insert(orders, { _id: orderId, item: 'crash-proof' }, [event]);
  await new Promise(() => undefined); // the publish above kills the process
}

void main();

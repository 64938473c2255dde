import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Engine, SPECS } = require('../../../tools/engines/engines.js');

type Spec = { url: () => string; startTimeoutMs: number; command: () => Promise<[string, string[]]>; ready: () => Promise<boolean> };

/**
 * How the dev and test engines start (tools/engines/engines.js): a port found free a moment before can
 * be taken by the time the engine binds it, and such a start is tried again; any other failure is not.
 * The engines here are stand-in shell commands, so no real engine is needed.
 */
describe('starting an engine', () => {
  let dir: string;
  const added: string[] = [];
  const spec = (name: string, command: () => string, ready: () => boolean) => {
    const starts = { count: 0 };
    (SPECS as Record<string, Spec>)[name] = {
      url: () => 'stand-in://',
      startTimeoutMs: 5000,
      command: async () => (starts.count++, ['bash', ['-c', command()]]),
      ready: async () => ready(),
    };
    added.push(name);
    return starts;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-start-'));
  });
  afterEach(() => {
    for (const name of added.splice(0)) delete (SPECS as Record<string, Spec>)[name];
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a start that found one of its ports taken is tried again, and comes up', async () => {
    const up = path.join(dir, 'up');
    let first = true;
    const starts = spec(
      'taken-once',
      () => {
        if (!first) return `touch ${up}; sleep 30`;
        first = false;
        return 'echo "F volume.go:647 failed to listen on grpc port 33853: listen tcp 127.0.0.1:33853: bind: address already in use"; exit 255';
      },
      () => fs.existsSync(up),
    );
    const engine = new Engine('taken-once', 1, dir);
    await engine.start();
    expect(starts.count).toBe(2);
    await engine.kill();
  });

  it('a port taken on every try fails after three starts, saying so', async () => {
    const starts = spec('always-taken', () => 'echo "bind: address already in use"; exit 1', () => false);
    await expect(new Engine('always-taken', 1, dir).start()).rejects.toMatchObject({ portTaken: true, message: expect.stringContaining('always-taken exited while starting') });
    expect(starts.count).toBe(3);
  });

  it('any other failure to start is reported at once, not tried again', async () => {
    const starts = spec('misconfigured', () => 'echo "FATAL: bad configuration"; exit 1', () => false);
    await expect(new Engine('misconfigured', 1, dir).start()).rejects.toMatchObject({ portTaken: false });
    expect(starts.count).toBe(1);
  });
});

'use strict';
// Free loopback ports for the engines and their inner servers. A port is found by listening on port 0
// and closing again, so the next search may be given the same port before anything binds it (it
// happened: SeaweedFS's master and filer were both given one port, and the filer could not start).
// Every port handed out here is remembered for the life of the process and never handed out twice.
const net = require('node:net');

const handedOut = new Set();

function listenOnce(port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      server.close(() => resolve(bound));
    });
  });
}

/** A free TCP port on loopback that this process has not handed out before. */
async function freePort() {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = await listenOnce(0);
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no free loopback port found that was not handed out already');
}

/** True when nothing holds the port on loopback (it can be bound now). */
function portFree(port) {
  return listenOnce(port).then(
    () => true,
    () => false,
  );
}

/** A port chosen elsewhere (a fixed or saved one) that `freePort` must not hand out. */
function reservePort(port) {
  handedOut.add(port);
}

module.exports = { freePort, portFree, reservePort };

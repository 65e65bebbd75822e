// A TCP proxy on 127.0.0.1 that delays every chunk from client to server by a fixed time, as a model of
// DynamoDB's network round trip for bench/run: dynalite answers in well under a millisecond, DynamoDB
// in about 5 ms from the same region. Answers go back undelayed; the order of chunks is kept (timers
// of one delay fire in the order they were set). Bounded: at most MAX_CONNECTIONS at once.
//
//   node bench/latency-proxy.mjs TARGET_PORT [DELAY_MS=5]   # prints "listening on PORT"
import net from 'node:net';

const MAX_CONNECTIONS = 512;
const targetPort = Number(process.argv[2]);
const delayMs = Number(process.argv[3] ?? 5);
if (!Number.isInteger(targetPort) || !(delayMs >= 0)) {
  console.error('usage: node bench/latency-proxy.mjs TARGET_PORT [DELAY_MS]');
  process.exit(2);
}

const server = net.createServer((client) => {
  const upstream = net.connect(targetPort, '127.0.0.1');
  client.setNoDelay(true);
  upstream.setNoDelay(true);
  client.on('data', (chunk) => setTimeout(() => upstream.write(chunk), delayMs));
  client.on('end', () => setTimeout(() => upstream.end(), delayMs));
  upstream.pipe(client);
  client.on('error', () => upstream.destroy());
  upstream.on('error', () => client.destroy());
  client.on('close', () => upstream.destroy());
});
server.maxConnections = MAX_CONNECTIONS;
server.listen(0, '127.0.0.1', () => console.log(`listening on ${server.address().port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));

// Starts the official WorkOS emulator (dist/emulate of the npm package `workos` 0.14.0, unpacked
// into ./workos by Install-OfficialEmulator) on 127.0.0.1 and a free port, prints
// "Listening on <url>" once ready, and stops when stdin closes.
// Usage: node start.mjs [api-key]
import { serve } from '@hono/node-server';
import { createServer } from './workos/dist/emulate/core/index.js';
import { workosPlugin } from './workos/dist/emulate/workos/index.js';

const apiKey = process.argv[2] ?? 'sk_test_default';
const { app, store } = createServer(workosPlugin, { port: 0, baseUrl: 'http://127.0.0.1', apiKeys: { [apiKey]: { environment: 'test' } } });
workosPlugin.seed?.(store, 'http://127.0.0.1');
app.get('/health', (c) => c.json({ status: 'ok' }));

// createEmulator() listens on every interface; the tests touch loopback only.
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    console.log(`Listening on http://127.0.0.1:${info.port}/`);
});
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();

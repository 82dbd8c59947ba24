// npm start: builds the designer when needed, then starts the server (server/main.ts) in this process.
import { register } from 'tsx/esm/api';
import { buildClient, clientIsStale } from './build-client.mjs';

if (clientIsStale()) {
  console.log('Building the designer (dist/client)…');
  buildClient();
}
register();
await import('../server/main.ts');

// A separate process that records session grants through the real writer (concurrency test).
import { addGrant } from '../../src/approval/session-grants.js';

const [stateDir, writer, count] = process.argv.slice(2);
const key = Buffer.alloc(32, 7);
for (let i = 1; i <= Number(count); i++) addGrant(stateDir!, 'one-session', key, { key: `${writer}-${i}`, command: `charge ${writer}-${i}`, by: 'approve:test', time: new Date().toISOString() });

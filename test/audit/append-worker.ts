// A separate process that appends decisions through the real locked writer (concurrency test, bench).
import { appendEvent } from '../../src/audit/log.js';
import { sampleDecision } from './fixtures.js';

const [path, writer, count] = process.argv.slice(2);
for (let i = 1; i <= Number(count); i++) appendEvent(path!, { ...sampleDecision(i, `writer-${writer}`), id: `${writer}-${i}` });

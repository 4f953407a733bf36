// A separate process that answers "always" through the real writer (concurrency test): argv is
// the user config dir, the project rule file (or "-" for the user's rules.yaml), the writer and a count.
import { applyAnswer, type AnswerContext } from '../../src/approval/apply-answer.js';

const [configDir, project, writer, count] = process.argv.slice(2);
for (let i = 1; i <= Number(count); i++) {
  const id = `always.w${writer}-${i}`;
  const ctx = {
    key: Buffer.alloc(32, 7),
    commandText: `frob ${writer}-${i}`,
    request: { id: `r${writer}-${i}`, always: { yaml: '', user: `${configDir}/rules.yaml`, ...(project === '-' ? {} : { project }) } },
    proposal: [{ id, match: { command: `frob ${writer}-${i}` }, decision: 'allow' }],
    options: { configDir },
  } as unknown as AnswerContext;
  const approval = await applyAnswer({ choice: 'always', target: project === '-' ? 'user' : 'project' }, 'test', ctx);
  if (!approval.approved) throw new Error(approval.reason);
}

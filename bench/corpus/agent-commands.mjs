// Realistic agent commands for the analysis benchmark.
/** What agents actually send: builds, tests, git, searches, small pipelines, a few wrappers. */
export const CORPUS = [
  'git status', 'git diff --stat', 'git add -A && git commit -m "fix: handle empty input"', 'git log --oneline -20', 'git push origin HEAD',
  'npm test', 'npm run build', 'npm ci', 'npx vitest run test/foo.test.ts', 'pnpm install --frozen-lockfile', 'yarn lint --fix',
  'ls -la', 'ls src/', 'cat package.json', 'head -n 50 src/index.ts', 'tail -f /var/log/syslog', 'wc -l src/**/*.ts',
  'grep -rn "TODO" src/ | head -20', "rg -n 'export function' src", "find . -name '*.ts' -not -path './node_modules/*' | xargs wc -l",
  'mkdir -p build/out && cp -r assets build/out/', 'rm -rf dist && npm run build', 'mv old.txt new.txt', 'touch .env.local',
  'python3 -m pytest -q tests/', 'pip install -r requirements.txt', 'cargo build --release 2>&1 | tail -5', 'go test ./...',
  'docker build -t app:dev .', 'docker compose up -d', 'kubectl get pods -n default', 'curl -s https://api.github.com/repos/x/y | jq .stargazers_count',
  'curl -X POST -H "Content-Type: application/json" -d \'{"a":1}\' http://localhost:3000/api', 'wget -qO- https://example.com/file.tgz | tar xz',
  'cd packages/core && npm test', 'export NODE_ENV=production; node dist/server.js', 'echo "$HOME" && pwd', 'sed -i "s/foo/bar/g" src/a.ts',
  "awk '{print $1}' access.log | sort | uniq -c | sort -rn | head", 'for f in src/*.ts; do echo "$f"; done', 'if [ -f .env ]; then source .env; fi',
  'make -j4 && make install', 'chmod +x scripts/run.sh && ./scripts/run.sh', 'tsc --noEmit', 'eslint . --ext .ts', 'prettier --write "src/**/*.ts"',
  'sudo apt-get install -y jq', "bash -c 'npm ci && npm test'", 'timeout 60 npm test', 'diff <(sort a.txt) <(sort b.txt)',
  'cat <<EOF > config.json\n{"debug": true}\nEOF\n', 'git stash && git pull --rebase && git stash pop', 'du -sh node_modules',
];
